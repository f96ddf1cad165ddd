import { loadKnowledgeBase } from '../adapters/knowledge/knowledge-base';
import type { Database } from '../adapters/storage/database';
import type { Campaign } from '../domain/campaigns/campaign';
import type { CampaignStore } from '../domain/ports/campaign-store';
import type { EscalationReport } from '../use-cases/escalate-unanswered';
import type { Doctor } from '../use-cases/run-doctor';
import type { StartRunResult } from '../use-cases/start-campaign-run';
import type { AppConfig } from './config';
import { createLogger, type Logger } from './logger';
import { postureLines, wireBot } from './wiring/bot';
import { wireReports, type ReportsSlice } from './wiring/reports';
import type { ReportPostOutcome } from '../use-cases/post-posture-reports';
import { wireCampaigns, type CampaignSlice } from './wiring/campaigns';
import { runDoctorAtStart, wireDoctor } from './wiring/doctor';
import { wireGraph } from './wiring/graph';
import { listenHttp, openHttp } from './wiring/http';
import { wireNudges } from './wiring/nudges';
import type { AppOverrides } from './wiring/overrides';
import { startPlatform, type Platform } from './wiring/platform';
import { wirePosture } from './wiring/posture';
import { wireTeams } from './wiring/teams';
import { STOP_TIMEOUT_MS } from './wiring/tuning';
import type { HttpServer } from './server';

export type { AppOverrides };

export interface RunningApp {
  url: string;
  port: number;
  logger: Logger;
  /** The app's own database, for operators' checks and tests; the app keeps ownership (stop() closes it). */
  database: Database;
  /** Campaigns: their store, and starting a run (the engine then delivers it). */
  campaigns: {
    store: CampaignStore;
    startRun(campaignId: string, scheduledFor: Date): Promise<StartRunResult>;
    /** Queues the campaign's next run as a job (on creation, on resume); undefined when none is left. */
    scheduleNext(campaign: Campaign): Promise<Date | undefined>;
    /** Runs the campaign's escalation check now (a job does it after each run). */
    escalate(campaignId: string): Promise<EscalationReport>;
  };
  /** `doctor`: whether MFA Coach can work in this tenant (the Teams command, npm run doctor -- --demo, /readyz). */
  doctor: Pick<Doctor, 'run' | 'latest' | 'summary'>;
  /** Weekly posture reports: posts those due now (a job does it every few minutes). */
  reports: { postDue(): Promise<Record<ReportPostOutcome, string[]>> };
  /** Graceful stop: no new turns, running turns and jobs finish (or are released), then the database closes. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/**
 * The composition root: the only place that knows every concrete class. Each capability is wired in its own
 * module under wiring/, in the order they depend on each other; nothing here refers to a later one.
 */
export async function startApp(config: AppConfig, overrides: AppOverrides = {}): Promise<RunningApp> {
  const logger = overrides.logger ?? createLogger(config.log.level, overrides.logDestination);
  // Before anything opens: a malformed article stops the start, naming the file and the problem.
  const knowledge = await loadKnowledgeBase(overrides.knowledgeDir);
  logger.info({ articles: knowledge.articles.length }, 'knowledge base loaded');
  const platform = await startPlatform(config, logger, overrides);
  let http: HttpServer | undefined;
  try {
    const listening = await listenHttp(platform);
    http = listening.http;
    const graph = wireGraph(platform);
    const teams = wireTeams(platform);
    const posture = await wirePosture(platform, graph, teams);
    const nudges = await wireNudges(platform, graph, teams, posture);
    const campaigns = await wireCampaigns(platform, graph, teams, posture, nudges);
    const doctor = wireDoctor(platform, graph);
    // One reading of the card's outside lines for `posture` and the weekly report, so the policy read is shared.
    const lines = postureLines(platform, { graph, posture, nudges });
    const reports = await wireReports(platform, teams, posture, lines);
    const capabilities = { knowledge, graph, teams, posture, nudges, campaigns, doctor, reports, postureLines: lines };
    const bot = wireBot(platform, capabilities, listening.publicUrl);
    openHttp(http, platform, bot, { posture, campaigns, doctor }, listening.url);
    // Last, so that a start that fails earlier leaves no loop behind.
    campaigns.engine.start();
    campaigns.funnels.start();
    runDoctorAtStart(platform, doctor);
    return running(platform, listening, { campaigns, doctor, reports });
  } catch (error) {
    await http?.close().catch(() => undefined);
    await platform.abandon();
    throw error;
  }
}

function running(
  platform: Platform,
  listening: { http: HttpServer; url: string; port: number },
  { campaigns, doctor, reports }: { campaigns: CampaignSlice; doctor: Doctor; reports: ReportsSlice },
): RunningApp {
  const { url, port, http } = listening;
  return {
    url,
    port,
    logger: platform.logger,
    database: platform.db,
    campaigns: campaignControls(campaigns),
    doctor,
    reports: { postDue: reports.postDue },
    stop: stopper(platform, http, campaigns),
  };
}

function campaignControls(campaigns: CampaignSlice): RunningApp['campaigns'] {
  return { store: campaigns.store, startRun: campaigns.startRun, scheduleNext: campaigns.scheduleNext, escalate: campaigns.escalate };
}

/** Graceful stop: no new turns; running turns, deliveries and jobs finish (or are released); then the database closes. */
function stopper({ db, jobs, logger }: Platform, http: HttpServer, campaigns: CampaignSlice): RunningApp['stop'] {
  return async ({ timeoutMs = STOP_TIMEOUT_MS } = {}) => {
    const drained = await http.drain(timeoutMs);
    if (!drained) logger.warn('stopping with turns still running');
    await http.close();
    await campaigns.engine.stop();
    await campaigns.funnels.stop();
    await jobs.stop({ graceful: true, timeoutMs });
    await db.close();
    logger.info('MFA Coach stopped');
  };
}
