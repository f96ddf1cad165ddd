/**
 * Benchmark: how long a `help` turn takes end to end (HTTP POST to /api/messages → turn state read from
 * the embedded database → card sent to the Connector emulator → turn state written → 200), and how long
 * `npm run demo` takes from launch to its "ready" line on a fresh data folder. Prints one JSON line.
 *
 *   npm run bench:turn -- [--turns 1000] [--skip-demo]
 *
 * Each turn comes from a different person, so Teams' per-conversation limit (7/s) is not what is measured,
 * and the emulator's global rate is lifted for the same reason: this measures the bot, not Teams.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { activityFactory, startConnectorEmulator } from '../emulators/connector';
import { TEST_TENANT_ID, startTestApp } from '../test/support/app-harness';
import { percentile } from './percentile';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

async function measureTurns(turns: number) {
  const connector = await startConnectorEmulator({ globalRatePerSecond: 1_000_000, log: () => undefined });
  const harness = await startTestApp({ database: 'pglite', configure: (c) => ({ ...c, log: { level: 'warn' } }) });
  const teams = activityFactory({ serviceUrl: connector.url, botId: '00000000-0000-0000-0000-00000000b07e', tenantId: TEST_TENANT_ID });
  const user = (i: number) => ({ aadObjectId: `00000000-0000-4000-8000-${i.toString().padStart(12, '0')}`, name: `Person ${i}` });
  try {
    for (let i = 0; i < 50; i++) await harness.post(teams.aMessage({ text: 'help', user: user(i) }));
    connector.clear();
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < turns; i++) {
      const t0 = performance.now();
      const { status } = await harness.post(teams.aMessage({ text: 'help', user: user(1000 + i) }));
      latencies.push(performance.now() - t0);
      if (status !== 200) throw new Error(`turn ${i} answered ${status}`);
    }
    const wall = (performance.now() - started) / 1000;
    const cards = connector.cards().length;
    if (cards !== turns) throw new Error(`expected ${turns} help cards at the connector, got ${cards}`);
    latencies.sort((a, b) => a - b);
    return {
      turns,
      help_p50_ms: +percentile(latencies, 50).toFixed(2),
      help_p99_ms: +percentile(latencies, 99).toFixed(2),
      help_max_ms: +latencies[latencies.length - 1]!.toFixed(2),
      turns_per_s: +(turns / wall).toFixed(1),
    };
  } finally {
    await harness.stop();
    await connector.close();
  }
}

/** Time from `npm run demo` to its "ready" line, Playground included; then stops it with SIGINT. */
async function measureDemoStart(): Promise<{ demo_ready_s: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mfa-coach-bench-demo-'));
  const started = performance.now();
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'scripts/demo.ts'], {
    env: { ...process.env, PORT: '0', PLAYGROUND_PORT: '0', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  try {
    const ready = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the demo was not ready within 120 s')), 120_000);
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('MFA Coach demo is ready')) {
          clearTimeout(timer);
          resolve((performance.now() - started) / 1000);
        }
      });
      child.on('exit', (code) => reject(new Error(`the demo exited early (${code}):\n${out}`)));
    });
    return { demo_ready_s: +ready.toFixed(2) };
  } finally {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGINT');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const turns = Number(arg('turns', '1000'));
  const demo = process.argv.includes('--skip-demo') ? {} : await measureDemoStart();
  const result = await measureTurns(turns);
  console.log(
    JSON.stringify({
      bench: 'turn-latency',
      ...demo,
      ...result,
      cpus: cpus().length,
      mem_gb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
