/**
 * `npm run doctor`: whether MFA Coach can work in this tenant, and exactly what is missing. The same checks as the
 * `doctor` command in Teams, printed as a table.
 *
 *   npm run doctor                      with the production settings, read from the environment as npm start does
 *   npm run doctor -- --demo            against the demo's parts, started here (Graph emulator, embedded database)
 *   npm run doctor -- --demo --revoke AuditLog.Read.All[,Other.Permission]
 *                                       the same, with those Graph permissions left out of the demo's grant
 *
 * Exit code: 1 when a check fails, 0 otherwise; 2 when the settings are incomplete or the arguments wrong.
 */
import { existsSync } from 'node:fs';
import { GRAPH_PERMISSION_NAMES } from '../src/adapters/graph/graph-permissions';
import { openPgliteDatabase } from '../src/adapters/storage/pglite-database';
import { openPostgresDatabase } from '../src/adapters/storage/postgres-database';
import { ConfigError, loadProductionConfig, type AppConfig } from '../src/app/config';
import { doctorChecks, type DoctorParts } from '../src/app/wiring/doctor';
import { graphClientFor } from '../src/app/wiring/graph';
import { runDoctor, type DoctorReport } from '../src/use-cases/run-doctor';
import { demoDoctor } from './doctor-demo';
import { reportTable } from './doctor-table';

interface Arguments {
  demo: boolean;
  revoked: string[];
}

function readArguments(argv: readonly string[]): Arguments {
  const revokeAt = argv.indexOf('--revoke');
  const revoked =
    revokeAt < 0
      ? []
      : (argv[revokeAt + 1] ?? '')
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
  const known = new Set(['--demo', '--revoke', ...(revokeAt < 0 ? [] : [argv[revokeAt + 1]])]);
  const unknown = argv.filter((arg) => !known.has(arg));
  const problems = [
    ...unknown.map((arg) => `unknown argument "${arg}"`),
    ...(revokeAt >= 0 && revoked.length === 0 ? ['--revoke takes permission names, e.g. --revoke AuditLog.Read.All'] : []),
    ...(revokeAt >= 0 && !argv.includes('--demo') ? ['--revoke goes with --demo (the demo grants what it is told)'] : []),
    ...revoked
      .filter((name) => !GRAPH_PERMISSION_NAMES.includes(name))
      .map((name) => `"${name}" is not a permission MFA Coach uses (${GRAPH_PERMISSION_NAMES.join(', ')})`),
  ];
  if (problems.length > 0) {
    console.error(`npm run doctor: ${problems.join('; ')}.\nUsage: npm run doctor [-- --demo [--revoke Permission[,Permission]]]`);
    process.exit(2);
  }
  return { demo: argv.includes('--demo'), revoked };
}

/** The production settings' checks, from this host: the bot may be running elsewhere, or here beside this. */
async function productionDoctor(config: AppConfig): Promise<DoctorReport> {
  const { client, token } = graphClientFor(config);
  const database = await databaseFor(config);
  try {
    return await runDoctor(doctorChecks({ config, graph: { client, token }, database }));
  } finally {
    if ('close' in database) await database.close();
  }
}

/**
 * A PostgreSQL server is shared: opened as any instance would. The embedded database belongs to one process: two
 * on the same folder can corrupt it, so it is opened only when the bot does not answer on its own port here.
 */
async function databaseFor(config: AppConfig): Promise<DoctorParts['database']> {
  if (config.database.url)
    return openPostgresDatabase(config.database.url, { maxConnections: 1, timeouts: { connectMs: 8000, queryMs: 8000 } });
  const { dataDir } = config.database;
  if (!existsSync(dataDir))
    return {
      notOpened: 'DATA_DIR does not exist yet; the bot creates it at its first start',
      fix: 'start the bot once (npm start), then run doctor again',
    };
  if (await botAnswersHere(config))
    return {
      notOpened: 'the bot is running on this host and holds the embedded database (DATA_DIR); only its own process may open it',
      fix: 'say "doctor" to the bot in Teams: it checks its own database, jobs and clock',
    };
  return openPgliteDatabase(dataDir);
}

async function botAnswersHere(config: AppConfig): Promise<boolean> {
  const host = ['0.0.0.0', '::', ''].includes(config.server.host) ? '127.0.0.1' : config.server.host;
  const display = host.includes(':') ? `[${host}]` : host;
  try {
    await fetch(`http://${display}:${config.server.port}/healthz`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const args = readArguments(process.argv.slice(2));
  let report: DoctorReport;
  let subject: string;
  if (args.demo) {
    subject = `the demo${args.revoked.length > 0 ? `, without ${args.revoked.join(', ')}` : ''}`;
    report = await demoDoctor(args.revoked, process.env);
  } else {
    const config = loadProductionConfig(process.env);
    subject = `tenant ${config.tenantId}`;
    report = await productionDoctor(config);
  }
  console.log(reportTable(report, subject));
  process.exit(report.status === 'fail' ? 1 : 0);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error('npm run doctor failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
