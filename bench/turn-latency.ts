/**
 * Benchmark: how long a `help` turn takes end to end (HTTP POST to /api/messages → the tenant gate and the
 * route table → the help card sent to the Connector emulator → 200), and how long
 * `npm run demo` takes from launch to its "ready" line on a fresh data folder. Prints one JSON line.
 *
 *   npm run bench:turn -- [--turns 1000] [--blocks 10] [--skip-demo]
 *
 * Each turn comes from a different person, so Teams' per-conversation limit (7/s) is not what is measured,
 * and the emulator's global rate is lifted for the same reason: this measures the bot, not Teams.
 * The same number of turns goes, in the same run and alternating blocks, to a bare teams-ai echo bot
 * (bench/echo-bot.ts) on the same Connector emulator: `turns_ratio` is MFA Coach's turns per second over its.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { activityFactory, startConnectorEmulator } from '../emulators/connector';
import { TEST_TENANT_ID, startTestApp } from '../test/support/app-harness';
import { percentile } from './percentile';
import { startEchoBot } from './echo-bot';
import { arg } from './command-line';

type Post = (activity: object) => Promise<{ status: number }>;

/** A bot under measurement: where its turns go, and how many replies the Connector has had from it. */
interface Subject {
  post: Post;
  replies(): number;
}

/**
 * Runs `turns` help turns on each subject in alternating blocks (this machine is shared: a slow minute then hurts
 * both alike), each turn from a different person, so Teams' per-conversation limit (7/s) is not what is measured.
 */
async function measureAlternating(
  subjects: Record<'product' | 'echo', Subject>,
  helpFrom: (person: number) => object,
  turns: number,
  blocks: number,
) {
  const latencies = { product: [] as number[], echo: [] as number[] };
  const seconds = { product: 0, echo: 0 };
  const perBlock = Math.ceil(turns / blocks);
  let person = 1000;
  for (let block = 0; block < blocks; block++) {
    for (const name of block % 2 === 0 ? (['product', 'echo'] as const) : (['echo', 'product'] as const)) {
      const started = performance.now();
      for (let i = 0; i < perBlock; i++) {
        const t0 = performance.now();
        const { status } = await subjects[name].post(helpFrom(person++));
        latencies[name].push(performance.now() - t0);
        if (status !== 200) throw new Error(`${name}: a turn answered ${status}`);
      }
      seconds[name] += (performance.now() - started) / 1000;
    }
  }
  return { latencies, seconds, perSubject: perBlock * blocks };
}

async function measureTurns(turns: number, blocks: number) {
  const connector = await startConnectorEmulator({ globalRatePerSecond: 1_000_000, log: () => undefined });
  const harness = await startTestApp({ database: 'pglite', configure: (c) => ({ ...c, log: { level: 'warn' } }) });
  const echo = await startEchoBot();
  const teams = activityFactory({ serviceUrl: connector.url, botId: '00000000-0000-0000-0000-00000000b07e', tenantId: TEST_TENANT_ID });
  const user = (i: number) => ({ aadObjectId: `00000000-0000-4000-8000-${i.toString().padStart(12, '0')}`, name: `Person ${i}` });
  const helpFrom = (i: number) => teams.aMessage({ text: 'help', user: user(i) });
  const postTo =
    (url: string): Post =>
    async (activity) => {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      await response.arrayBuffer();
      return { status: response.status };
    };
  const subjects = {
    product: { post: postTo(harness.app.url), replies: () => connector.cards().length },
    echo: { post: postTo(echo.url), replies: () => connector.activities().length - connector.cards().length },
  };
  try {
    // Warm both up (JIT, database pages, connections) before anything is timed.
    for (let i = 0; i < 50; i++) {
      await subjects.product.post(helpFrom(i));
      await subjects.echo.post(helpFrom(i));
    }
    connector.clear();
    const { latencies, seconds, perSubject } = await measureAlternating(subjects, helpFrom, turns, blocks);
    for (const name of ['product', 'echo'] as const) {
      const replies = subjects[name].replies();
      if (replies !== perSubject) throw new Error(`expected ${perSubject} replies from ${name} at the connector, got ${replies}`);
    }
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const product = sorted(latencies.product);
    const echoed = sorted(latencies.echo);
    const turnsPerSecond = perSubject / seconds.product;
    const echoTurnsPerSecond = perSubject / seconds.echo;
    return {
      turns: perSubject,
      blocks,
      help_p50_ms: +percentile(product, 50).toFixed(2),
      help_p99_ms: +percentile(product, 99).toFixed(2),
      help_max_ms: +product[product.length - 1]!.toFixed(2),
      turns_per_s: +turnsPerSecond.toFixed(1),
      echo_p50_ms: +percentile(echoed, 50).toFixed(2),
      echo_p99_ms: +percentile(echoed, 99).toFixed(2),
      echo_turns_per_s: +echoTurnsPerSecond.toFixed(1),
      turns_ratio: +(turnsPerSecond / echoTurnsPerSecond).toFixed(3),
    };
  } finally {
    await echo.close();
    await harness.stop();
    await connector.close();
  }
}

/** Time from `npm run demo` to its "ready" line, Playground included; then stops it with SIGINT. */
async function measureDemoStart(): Promise<{ demo_ready_s: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mfa-coach-bench-demo-'));
  const started = performance.now();
  // As `npm run demo` starts it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
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
  const result = await measureTurns(turns, Number(arg('blocks', '10')));
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
