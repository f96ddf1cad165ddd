/**
 * The two reads of a whole campaign, a page at a time against the whole read each replaced, in one run:
 *
 *   npm run bench:campaign -- --users 200000          # leaves its database behind, ten campaigns of 200,000
 *   npm run bench:campaign-reads [-- --database-url postgres://…/mfa_coach_bench]
 *
 * Takes the database `bench:campaign` leaves behind (migrated as the bot would) and its largest campaign:
 * - the export: its CSV written as the download writes it (`campaignCsv`, 1,000 deliveries a page), its bytes
 *   counted; against every delivery's facts read at once and the file built whole, as the export did before;
 * - the escalation to managers: who is due, read 1,000 people a page (`deliveryFactsOfPeople`) as the escalation
 *   reads it; against every fact read at once, as it did before.
 * Each of the four reads runs in a process of its own (this script, started again with `--read <name>`), so what one
 * left in memory does not count for another: its time, and the process's resident memory before it (after a full
 * collection; the script runs with `--expose-gc`) and at its peak. One JSON line.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { CampaignStore } from '../src/domain/ports/campaign-store';
import { migrate } from '../src/adapters/storage/migrate';
import { openDatabase } from '../src/adapters/storage/open-database';
import { sqlCampaignStore } from '../src/adapters/storage/sql-campaign-store';
import { campaignCsv, deliveryCsvLine } from '../src/use-cases/export-campaign';
import { dueEscalations } from '../src/domain/campaigns/campaign-escalation';
import { arg } from './command-line';
import { rssSampler } from './rss-sampler';

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const seconds = (ms: number) => +(ms / 1000).toFixed(3);
const PAGE = 1000;

/** Memory held now, after a full collection when Node allows one: what a measured read starts from. */
function settledRssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return mb(process.memoryUsage().rss);
}

/**
 * Who is due to a manager after one unanswered nudge (the bench's campaign has one run, its cards just sent, none
 * answered): the most the escalation can find, everyone with a manager who is not set up yet.
 */
const dueCount = (facts: Parameters<typeof dueEscalations>[0], answerableBy: Date) =>
  [...dueEscalations(facts, 1, answerableBy, new Set()).values()].reduce((sum, reports) => sum + reports.length, 0);

/** The four reads: what each returns is compared or reported (bytes of the file, people due). */
const READS: Record<string, (store: CampaignStore, campaignId: string) => Promise<number>> = {
  // The export as the download writes it, a page of deliveries at a time.
  export: async (store, campaignId) => {
    let bytes = 0;
    for await (const chunk of campaignCsv({ campaigns: store }, campaignId, PAGE)) bytes += Buffer.byteLength(chunk);
    return bytes;
  },
  // The export before: every delivery's facts read at once, then the file made whole.
  export_whole: async (store, campaignId) => {
    const facts = await store.deliveryFacts(campaignId);
    const lines = facts.map((fact) => deliveryCsvLine(fact, fact.runId));
    return Buffer.byteLength(lines.join('\r\n'));
  },
  // The escalation as it reads now, a page of people at a time, those due gathered across pages.
  escalation: async (store, campaignId) => {
    const answerableBy = new Date();
    const due = [];
    let after: string | undefined;
    do {
      const page = await store.deliveryFactsOfPeople(campaignId, after, PAGE);
      for (const reports of dueEscalations(page.facts, 1, answerableBy, new Set()).values()) due.push(...reports);
      after = page.next;
    } while (after !== undefined);
    return due.length;
  },
  // The escalation before: every fact at once.
  escalation_whole: async (store, campaignId) => dueCount(await store.deliveryFacts(campaignId), new Date()),
};

/** One read, in this process: `{ result, s, baseline_rss_mb, peak_rss_mb }` on stdout. */
async function measureOne(name: string, url: string): Promise<void> {
  const read = READS[name];
  if (!read) throw new Error(`no read named ${name}: ${Object.keys(READS).join(', ')}`);
  const db = await openDatabase({ url });
  const store = sqlCampaignStore(db);
  const [largest] = await db.query<{ campaign_id: string }>(
    'SELECT campaign_id FROM campaign_deliveries GROUP BY campaign_id ORDER BY count(*) DESC, 1 LIMIT 1',
  );
  const baseline = settledRssMb();
  const sampler = rssSampler();
  const started = performance.now();
  const result = await read(store, largest!.campaign_id);
  const s = seconds(performance.now() - started);
  const peak = sampler.peakMb();
  sampler.stop();
  await db.close();
  console.log(JSON.stringify({ result, s, baseline_rss_mb: baseline, peak_rss_mb: peak }));
}

async function main(): Promise<void> {
  const url = arg('database-url', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mfa_coach_bench');
  const only = arg('read', '');
  if (only) return measureOne(only, url);
  const db = await openDatabase({ url });
  await migrate(db);
  const [largest] = await db.query<{ deliveries: number }>(
    'SELECT count(*)::int AS deliveries FROM campaign_deliveries GROUP BY campaign_id ORDER BY 1 DESC LIMIT 1',
  );
  await db.close();
  if (!largest) throw new Error(`no campaign deliveries in ${new URL(url).pathname.slice(1)}: run npm run bench:campaign first`);
  const figures: Record<string, unknown> = { bench: 'campaign-reads', database: 'postgres', deliveries: largest.deliveries };
  const results: Record<string, number> = {};
  for (const name of Object.keys(READS)) {
    const line = execFileSync(process.execPath, [...process.execArgv, __filename, '--read', name, '--database-url', url], {
      encoding: 'utf8',
    });
    const one = JSON.parse(line.trim().split('\n').at(-1)!) as { result: number; s: number; baseline_rss_mb: number; peak_rss_mb: number };
    results[name] = one.result;
    Object.assign(figures, {
      [`${name}_s`]: one.s,
      [`${name}_baseline_rss_mb`]: one.baseline_rss_mb,
      [`${name}_peak_rss_mb`]: one.peak_rss_mb,
    });
  }
  // Each way must find the same: the file's size differs only in the run column (a time now, the run's id before).
  if (results.escalation !== results.escalation_whole)
    throw new Error(`the escalation found ${results.escalation} due paged, ${results.escalation_whole} whole`);
  Object.assign(figures, { export_mb: +(results.export! / 2 ** 20).toFixed(1), escalation_due: results.escalation });
  console.log(JSON.stringify({ ...figures, node: process.version, cpus: cpus().length, mem_gb: Math.round(totalmem() / 2 ** 30) }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
