import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activityFactory, startConnectorEmulator, type ConnectorEmulator } from '../../../emulators/connector';
import { demoPersonas, generateDemoTenant } from '../../../emulators/demo-tenant';
import { startGraphEmulator, type GraphEmulator } from '../../../emulators/graph';
import { startTestApp, type TestApp } from '../../support/app-harness';
import { eventually } from '../../support/eventually';

const root = join(__dirname, '..', '..', '..');
const tsx = require.resolve('tsx/cli');

function runEntryPoint(env: Record<string, string>): {
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  kill: (signal: NodeJS.Signals) => void;
  output: () => string;
} {
  const child = spawn(process.execPath, [tsx, 'src/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return {
    done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr }))),
    kill: (signal) => child.kill(signal),
    output: () => stdout,
  };
}

jest.setTimeout(60_000);

describe('production entry point', () => {
  it('refuses to start without its settings, naming each one, and exits with an error', async () => {
    const { code, stderr, stdout } = await runEntryPoint({}).done;
    expect(code).toBe(2);
    for (const name of ['BOT_ID', 'SECRET_BOT_PASSWORD', 'TENANT_ID', 'DATABASE_URL', 'ADMIN_GROUP_IDS']) expect(stderr).toContain(name);
    expect(stdout).toBe('');
  });

  it('starts with its settings, answers /healthz and /readyz, and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mfa-coach-prod-'));
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const run = runEntryPoint({
      BOT_ID: '3c1f6a2b-7d4e-4f80-9a1b-2c3d4e5f6a7b',
      SECRET_BOT_PASSWORD: 'placeholder',
      TENANT_ID: '0b7d3c4e-5f60-4a1b-9c2d-3e4f5a6b7c8d',
      ADMIN_GROUP_IDS: '99999999-0000-4000-8000-00000000ad01',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: port,
    });
    try {
      // Up to 45 s: on a busy 2-core machine tsx compiles the entry point and the embedded database migrates first.
      const ready = await eventually(
        'the bot answers ready',
        async () => {
          const answer = await fetch(`http://127.0.0.1:${port}/readyz`);
          return answer.ok && answer;
        },
        { timeoutMs: 45_000, intervalMs: 200 },
      );
      expect(ready.status).toBe(200);
      expect(await ready!.json()).toMatchObject({ database: true, jobs: true });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      run.kill('SIGTERM');
      const { code, stdout } = await run.done;
      expect(code).toBe(0);
      expect(stdout).toContain('MFA Coach stopped');
      expect(stdout).not.toContain('placeholder');
    } finally {
      run.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('graceful stop', () => {
  const tenant = generateDemoTenant({ users: 40 });
  const { employee } = demoPersonas(tenant);
  let graph: GraphEmulator;
  let connector: ConnectorEmulator;
  let harness: TestApp;

  beforeAll(async () => {
    graph = await startGraphEmulator({ tenant });
    connector = await startConnectorEmulator();
    harness = await startTestApp({ database: 'pglite', tenantId: tenant.tenantId, graphBaseUrl: graph.url });
  });

  afterAll(async () => {
    await connector.close();
    await graph.close();
  });

  it('lets a running turn finish, refuses new ones with 503, and reports not ready while stopping', async () => {
    const teams = activityFactory({ serviceUrl: connector.url, botId: tenant.botAppId, tenantId: tenant.tenantId });
    // A Graph outage makes the install turn wait on a retry: long enough to stop the app under it.
    graph.injectFaults({ count: 4, status: 503 });
    const faultsBefore = graph.stats().faults;
    const slowTurn = harness.post(teams.anInstallationUpdate({ action: 'add', scope: 'personal', user: { aadObjectId: employee.id } }));
    await eventually('the install turn met the Graph outage and waits on its retry', () => graph.stats().faults > faultsBefore, {
      timeoutMs: 10_000,
      intervalMs: 20,
    });

    const stopping = harness.stop();
    expect((await fetch(`${harness.app.url}/readyz`)).status).toBe(503);
    const refused = await harness.post(teams.aMessage({ text: 'help', user: { aadObjectId: employee.id } }));
    expect(refused.status).toBe(503);

    expect((await slowTurn).status).toBe(200);
    await stopping;
    expect(connector.cards()).toHaveLength(1);
    expect(JSON.stringify(connector.cards()[0])).toContain("I'm MFA Coach");
  });
});
