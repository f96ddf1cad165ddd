/**
 * A campaign's export, written as it downloads, against the whole read it replaced, in one run:
 *
 *   npm run bench:campaign -- --users 200000          # leaves its database behind, ten campaigns of 200,000
 *   npm run bench:campaign-export [-- --database-url postgres://…/mfa_coach_bench]
 *
 * Takes the database `bench:campaign` leaves behind (migrated as the bot would), picks its largest campaign, and
 * writes that campaign's CSV as the download does (`campaignCsv`, a page at a time), counting its bytes; then reads
 * the same campaign's facts whole, as the export did before (`deliveryFacts`, then the lines joined). For each: the
 * time and this process's peak resident memory over what it held before (a full collection first; run with
 * `--expose-gc`, as the script does). One JSON line.
 */
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { migrate } from '../src/adapters/storage/migrate';
import { openDatabase } from '../src/adapters/storage/open-database';
import { sqlCampaignStore } from '../src/adapters/storage/sql-campaign-store';
import { csvCell } from '../src/use-cases/export-posture';
import { campaignCsv } from '../src/use-cases/export-campaign';
import { arg } from './command-line';
import { rssSampler } from './rss-sampler';

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const seconds = (ms: number) => +(ms / 1000).toFixed(3);

/** Memory held now, after a full collection when Node allows one: what a measured step starts from. */
function settledRssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return mb(process.memoryUsage().rss);
}

async function measured<T>(work: () => Promise<T>): Promise<{ result: T; s: number; baselineMb: number; peakMb: number }> {
  const baselineMb = settledRssMb();
  const sampler = rssSampler();
  const started = performance.now();
  const result = await work();
  const s = seconds(performance.now() - started);
  const peakMb = sampler.peakMb();
  sampler.stop();
  return { result, s, baselineMb, peakMb };
}

async function main(): Promise<void> {
  const url = arg('database-url', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mfa_coach_bench');
  const db = await openDatabase({ url });
  await migrate(db);
  const store = sqlCampaignStore(db);
  const [largest] = await db.query<{ campaign_id: string; deliveries: number }>(
    'SELECT campaign_id, count(*)::int AS deliveries FROM campaign_deliveries GROUP BY campaign_id ORDER BY 2 DESC, 1 LIMIT 1',
  );
  if (!largest) throw new Error(`no campaign deliveries in ${new URL(url).pathname.slice(1)}: run npm run bench:campaign first`);

  const streamed = await measured(async () => {
    let bytes = 0;
    let lines = 0;
    for await (const chunk of campaignCsv({ campaigns: store }, largest.campaign_id)) {
      bytes += Buffer.byteLength(chunk);
      lines += chunk.split('\r\n').length - 1;
    }
    return { bytes, rows: lines - 1 };
  });
  // The export before this change: every delivery's facts read at once, then the file made whole.
  const whole = await measured(async () => {
    const facts = await store.deliveryFacts(largest.campaign_id);
    const lines = facts.map((fact) =>
      [
        fact.runId,
        fact.displayName ?? '',
        fact.userPrincipalName ?? '',
        fact.userId,
        fact.status,
        fact.reason ?? '',
        fact.sentAt?.toISOString() ?? '',
        fact.opened,
        fact.snoozed,
        fact.enrolledAt?.toISOString() ?? '',
      ]
        .map(csvCell)
        .join(','),
    );
    return lines.join('\r\n').length;
  });
  await db.close();
  console.log(
    JSON.stringify({
      bench: 'campaign-export',
      database: 'postgres',
      deliveries: largest.deliveries,
      export_rows: streamed.result.rows,
      export_mb: +(streamed.result.bytes / 2 ** 20).toFixed(1),
      export_s: streamed.s,
      export_baseline_rss_mb: streamed.baselineMb,
      export_peak_rss_mb: streamed.peakMb,
      whole_read_s: whole.s,
      whole_read_baseline_rss_mb: whole.baselineMb,
      whole_read_peak_rss_mb: whole.peakMb,
      node: process.version,
      cpus: cpus().length,
      mem_gb: Math.round(totalmem() / 2 ** 30),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
