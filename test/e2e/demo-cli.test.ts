import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { eventually } from '../support/eventually';

const root = join(__dirname, '..', '..');

/** Whether any process of the group led by `pid` is still running. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

jest.setTimeout(120_000);

/**
 * `npm run demo` as a newcomer runs it: through npm, its data folder given relative to the project (as the default,
 * .data/demo, is), in a process group of its own as a terminal starts it, stopped by Ctrl+C, which the terminal sends
 * to every process of the group at once (npm, and the demo's own process).
 */
describe('npm run demo, from start to Ctrl+C', () => {
  let parent = '';
  let demo: ChildProcessWithoutNullStreams | undefined;
  let output = '';

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'mfa-coach-demo-cli-'));
    demo = spawn('npm', ['run', '--silent', 'demo'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: relative(root, join(parent, 'data')),
        PORT: '0',
        PLAYGROUND_PORT: '0',
        OTHER_PLAYGROUND_PORT: '0',
      },
      detached: true,
    });
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually('the demo said it is ready', async () => output.includes('MFA Coach demo is ready'), {
      timeoutMs: 90_000,
      intervalMs: 100,
    });
  });
  afterAll(async () => {
    if (demo?.pid && groupAlive(demo.pid)) process.kill(-demo.pid, 'SIGKILL');
    await rm(parent, { recursive: true, force: true });
  });

  it("opens the Playground as the demo's own person in the demo's tenant, not the Playground's built-in ones", async () => {
    const playgroundUrl = /Open the Playground: +(http:\/\/\S+)/.exec(output)?.[1];
    const tenantId = /tenant ([0-9a-f-]{36})/.exec(output)?.[1];
    const you = /You are: +([^<]+) </.exec(output)?.[1]?.trim();
    expect({ playgroundUrl, tenantId, you }).toEqual({
      playgroundUrl: expect.any(String),
      tenantId: expect.any(String),
      you: expect.any(String),
    });
    const served = (await (await fetch(`${playgroundUrl}/_internal/v1/config`)).json()) as {
      config: { tenantId: string; currentUser: { name: string } };
    };
    expect(served.config).toMatchObject({ tenantId, currentUser: { name: you } });
  });

  it('stops cleanly on one Ctrl+C, however many processes of the group pass it on, and frees its data folder', async () => {
    const lock = join(parent, 'data', 'demo.pid');
    expect(existsSync(lock)).toBe(true);
    process.kill(-demo!.pid!, 'SIGINT');
    // A scan still running at the time gets up to 10 s to finish before the database closes.
    await eventually('every process of the demo has exited', async () => !groupAlive(demo!.pid!), { timeoutMs: 30_000, intervalMs: 100 });
    expect(output).toContain('Stopping the demo');
    // Released only at the end of a clean stop: a demo killed half-way leaves it behind.
    expect(existsSync(lock)).toBe(false);
  });
});
