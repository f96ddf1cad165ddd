/**
 * The sending process of `npm run bench:campaign` (bench/campaign.ts starts it; it is not run by hand): the whole
 * bot as it ships, `startApp` with the demo configuration pointed at the parent's Graph and Connector emulators and
 * at the bench database, so the campaign goes through the real job chain, SQL store, send budget, send-nudge use
 * case and Teams messenger over HTTP. It talks to the parent over IPC:
 *   parent → worker: { type: 'start' } creates a "start now" campaign and queues its run; { type: 'heap' } collects
 *   garbage and reports the heap left; { type: 'stop' } stops.
 *   worker → parent: ready, campaign (its id), memory (peak RSS so far, every 100 ms), engine (sends it recorded).
 * The parent may SIGKILL it at any moment: that is the point.
 */
import { Writable } from 'node:stream';
import { loadDemoConfig } from '../src/app/config';
import { demoGraphToken } from '../scripts/demo-graph-token';
import { startApp } from '../src/app/create-app';
import { campaignPlan } from '../test/fakes/campaign-plan';
import { rssSampler } from './rss-sampler';

export interface WorkerSettings {
  /** The PostgreSQL server's database, or else the embedded database's data folder (one sending process only). */
  databaseUrl?: string;
  dataDir?: string;
  graphUrl: string;
  connectorUrl: string;
  tenantId: string;
  teamsAppId: string;
  rate: number;
  owner: { id: string; name: string };
}

export type WorkerMessage =
  /** Ready, with its resident memory and its JavaScript heap after a full collection (with --expose-gc). */
  | { type: 'ready'; pid: number; rssMb: number; heapUsedMb: number }
  | { type: 'campaign'; campaignId: string }
  /** Peak RSS so far, and what it was made of (bench/rss-sampler.ts). */
  | { type: 'memory'; peakRssMb: number; atPeakMb: Record<string, number> }
  /** The answer to 'heap'. */
  | { type: 'heap'; heapUsedMb: number }
  | { type: 'engine'; sent: number; later: number; failed: number; skipped: number }
  | { type: 'stopped' }
  /** The answer to 'query'. */
  | { type: 'rows'; id: number; rows?: unknown[]; error?: string };

/** heap: a full garbage collection (when --expose-gc is on), then a memory message: the heap the process keeps. */
/** query: a statement on this process's database (the embedded database can be opened by one process only). */
export type ParentMessage =
  { type: 'start' } | { type: 'heap' } | { type: 'stop' } | { type: 'query'; id: number; sql: string; params: unknown[] };

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const tell = (message: WorkerMessage) => process.send?.(message);

/** The JavaScript heap still in use after a full collection (the parent starts this process with --expose-gc). */
function collectedHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return mb(process.memoryUsage().heapUsed);
}

/**
 * The app's log lines: what the delivery engine recorded per batch is summed (its own count of what it sent), and
 * warnings and errors go to stderr, where the operator of the bench sees them.
 */
class LogTap extends Writable {
  readonly totals = { sent: 0, later: 0, failed: 0, skipped: 0 };
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const text of chunk.toString().split('\n').filter(Boolean)) {
      const line = JSON.parse(text) as { level?: number; msg?: string } & Partial<Record<keyof LogTap['totals'], number>>;
      if (line.msg === 'campaign deliveries')
        for (const key of Object.keys(this.totals) as (keyof LogTap['totals'])[]) this.totals[key] += line[key] ?? 0;
      if ((line.level ?? 0) >= 40 || process.env.BENCH_CAMPAIGN_DEBUG) process.stderr.write(`[worker ${process.pid}] ${text}\n`);
    }
    done();
  }
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.env.BENCH_CAMPAIGN_WORKER ?? '') as WorkerSettings;
  const sampler = rssSampler();
  const sample = setInterval(() => tell({ type: 'memory', peakRssMb: sampler.peakMb(), atPeakMb: sampler.atPeakMb() }), 100);

  const base = loadDemoConfig(
    {
      PORT: '0',
      LOG_LEVEL: 'info',
      ...(settings.databaseUrl ? { DATABASE_URL: settings.databaseUrl } : { DATA_DIR: settings.dataDir }),
      BOT_SERVICE_URL: settings.connectorUrl,
      CAMPAIGN_SEND_RATE: String(settings.rate),
      NUDGE_SENDING_HOURS: 'always',
    },
    {
      tenantId: settings.tenantId,
      graphBaseUrl: settings.graphUrl,
      teamsAppCatalogId: settings.teamsAppId,
      graphToken: demoGraphToken(settings.tenantId),
    },
  );
  // The scan was done by the parent, before the measured part: no scan on start.
  const config = { ...base, posture: { ...base.posture, scanOnStart: false } };
  const logs = new LogTap();
  const app = await startApp(config, { logDestination: logs });
  const report = setInterval(() => tell({ type: 'engine', ...logs.totals }), 250);
  tell({ type: 'ready', pid: process.pid, rssMb: mb(process.memoryUsage().rss), heapUsedMb: collectedHeapMb() });

  process.on('message', (message: ParentMessage) => {
    void (async () => {
      if (message.type === 'start') {
        const { store, scheduleNext } = app.campaigns;
        // "Start now", as the form says it: once, at the current minute, in UTC; every day, every hour.
        const now = new Date().toISOString();
        const campaign = await store.create(
          campaignPlan({
            name: 'Benchmark',
            schedule: { kind: 'once', date: now.slice(0, 10), time: now.slice(11, 16), timeZone: 'UTC' },
            window: { startHour: 0, endHour: 24, weekdays: [1, 2, 3, 4, 5, 6, 7] },
            deadline: '2099-12-31',
          }),
          settings.owner,
          new Date(),
        );
        // Queued as a job: whichever instance's job engine takes it starts the run; every engine delivers it.
        if (!(await scheduleNext(campaign))) throw new Error('the campaign has no run to schedule');
        tell({ type: 'campaign', campaignId: campaign.id });
      } else if (message.type === 'query') {
        await app.database.query(message.sql, message.params).then(
          (rows) => tell({ type: 'rows', id: message.id, rows }),
          (error: unknown) => tell({ type: 'rows', id: message.id, error: String(error) }),
        );
      } else if (message.type === 'heap') {
        tell({ type: 'heap', heapUsedMb: collectedHeapMb() });
      } else if (message.type === 'stop') {
        clearInterval(report);
        await app.stop({ timeoutMs: 5000 });
        clearInterval(sample);
        tell({ type: 'memory', peakRssMb: sampler.peakMb(), atPeakMb: sampler.atPeakMb() });
        sampler.stop();
        tell({ type: 'engine', ...logs.totals });
        tell({ type: 'stopped' });
        process.disconnect?.();
      }
    })().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
