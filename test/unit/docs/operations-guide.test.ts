import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The operations guide's figures and alerts name what GET /metrics serves: a renamed figure breaks an alert silently. */
const root = join(__dirname, '..', '..', '..');
const guide = readFileSync(join(root, 'docs/operations.md'), 'utf8');
const source = readFileSync(join(root, 'src/adapters/metrics/product-metrics.ts'), 'utf8');

const served = new Set([...source.matchAll(/'(mfa_coach_[a-z_]+)'/g)].map((match) => match[1]!));
/** Every figure the guide names, with the pool's `_idle` and `_waiting` written out, less Node.js's own families. */
const named = new Set(
  [...guide.matchAll(/mfa_coach_[a-z_]+/g)]
    .map((match) => match[0])
    .filter((name) => !name.startsWith('mfa_coach_process_') && !name.startsWith('mfa_coach_nodejs_')),
);

describe('docs/operations.md', () => {
  it('reads the figures from the product, not a guess', () => {
    expect(served.size).toBeGreaterThanOrEqual(15);
  });

  it('names only figures the bot serves', () => {
    expect([...named].filter((name) => !served.has(name))).toEqual([]);
  });

  it('describes every figure the bot serves in its table', () => {
    const table = guide.slice(guide.indexOf('| Figure |'), guide.indexOf('## What to alert on'));
    const described = (name: string) => table.includes(`\`${name}\``) || (name.startsWith('mfa_coach_db_pool_') && table.includes('`mfa_coach_db_pool_connections`, `_idle`, `_waiting`'));
    expect([...served].filter((name) => !described(name))).toEqual([]);
  });

  it('alerts on a scan older than 26 hours, uncertain sends above 1% and 429s above 5%', () => {
    expect(guide).toContain('max(mfa_coach_latest_scan_age_seconds) > 26 * 3600');
    expect(guide).toMatch(/result="uncertain"[\s\S]*?\) > 0\.01/);
    expect(guide).toMatch(/teams_responses_total\{status="429"\}[\s\S]*?\) > 0\.05/);
    expect(guide).toMatch(/graph_responses_total\{status="429"\}[\s\S]*?\) > 0\.05/);
  });
});
