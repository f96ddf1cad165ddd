import type { Client } from '@microsoft/microsoft-graph-client';
import { answerModelCheck } from '../../adapters/answers/answer-model-health-check';
import type { AccessTokenSource } from '../../adapters/graph/graph-client';
import { graphHealthChecks } from '../../adapters/graph/graph-health-checks';
import { graphPermissionCheck } from '../../adapters/graph/graph-permission-check';
import type { PermissionNeeds } from '../../adapters/graph/graph-permissions';
import { jobEngineCheck, type JobEngineCheckParts } from '../../adapters/jobs/job-engine-health-check';
import { publicUrlCheck } from '../../adapters/public-url-health-check';
import type { RequestPacer } from '../../adapters/request-pacer';
import { clockCheck, databaseCheck } from '../../adapters/storage/database-health-checks';
import type { Database } from '../../adapters/storage/database';
import type { HealthCheck } from '../../domain/ports/health-check';
import { Doctor, countsLine } from '../../use-cases/run-doctor';
import type { AppConfig } from '../config';
import type { GraphSlice } from './graph';
import type { Platform } from './platform';

/** What the doctor's checks are built from: the running bot's own parts, or (npm run doctor) ones made from its settings. */
export interface DoctorParts {
  config: AppConfig;
  graph: { client: Client; token: AccessTokenSource; reportsPacer?: RequestPacer };
  /** The database, or why it was not opened here and what to do (the database checks' warning). */
  database: Database | { notOpened: string; fix: string };
  /** The running bot's job engine; absent from the command line. */
  engine?: JobEngineCheckParts['engine'];
}

/** Which Graph permissions these settings need (graph-permissions.ts decides from these). */
export function permissionNeeds(config: AppConfig): PermissionNeeds {
  return {
    adminRoles: config.posture.adminRoleTemplateIds.length > 0,
    perUserMethods: config.posture.registrationSource === 'perUserMethods',
    proactiveInstall: Boolean(config.nudges.teamsAppCatalogId),
    policyAdmins: config.posture.policyAdminGroupIds.length > 0,
  };
}

/** Every check, in the order the table shows them: Graph first, as most of what can be missing is there. */
export function doctorChecks(parts: DoctorParts): HealthCheck[] {
  const { config } = parts;
  const needs = permissionNeeds(config);
  const groupIds = config.posture.adminGroupIds.length > 0 ? config.posture.adminGroupIds : config.nudges.campaignManagerGroupIds;
  return [
    graphPermissionCheck(parts.graph.token, needs),
    ...graphHealthChecks(parts.graph.client, parts.graph.token, {
      needs,
      registrationSource: config.posture.registrationSource,
      groupIds,
      ...(config.nudges.teamsAppCatalogId ? { teamsAppCatalogId: config.nudges.teamsAppCatalogId } : {}),
      ...(parts.graph.reportsPacer ? { reportsPacer: parts.graph.reportsPacer } : {}),
    }),
    publicUrlCheck(config.server.publicUrl, config.mode),
    ...databaseChecks(parts.database, parts.engine),
    answerModelCheck(config.answers.model),
  ];
}

function databaseChecks(database: DoctorParts['database'], engine: DoctorParts['engine']): HealthCheck[] {
  if ('notOpened' in database) {
    const { notOpened, fix } = database;
    return ['Database', 'Job engine', 'Clock'].map((name) => ({
      name,
      run: async () => ({ status: 'warn' as const, summary: `not checked: ${notOpened}`, fix }),
    }));
  }
  return [databaseCheck(database), jobEngineCheck({ db: database, ...(engine ? { engine } : {}) }), clockCheck(database)];
}

/**
 * The running bot's doctor, on its own Graph client and reports budget (so the probes take their turn with scans),
 * its database and its job engine. The `doctor` command runs it; /readyz reads its last report.
 */
export function wireDoctor(platform: Platform, graph: GraphSlice): Doctor {
  const { config, db, jobs } = platform;
  const engine = { isReady: () => jobs.isReady(), startedAt: new Date() };
  return new Doctor(doctorChecks({ config, graph, database: db, engine }));
}

/**
 * Once at start-up, in the background, so that /readyz and the log say what is missing from the first minutes.
 * Production only: the demo and the tests run against local emulators that count the requests they get.
 */
export function runDoctorAtStart({ config, logger }: Platform, doctor: Doctor): void {
  if (config.mode !== 'production') return;
  void doctor.run().then((report) => {
    const failing = report.checks.filter((c) => c.status !== 'ok').map((c) => `${c.name}: ${c.summary}`);
    const details = { doctor: countsLine(report.counts), ...(failing.length > 0 ? { notOk: failing } : {}) };
    if (report.status === 'ok') logger.info(details, 'doctor: MFA Coach can work in this tenant');
    else logger.warn(details, 'doctor: something MFA Coach needs is missing; say "doctor" in Teams or run npm run doctor for what to do');
  });
}
