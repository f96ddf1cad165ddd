import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimDemoData, DemoCannotStartError, ensurePortsFree } from '../../../scripts/demo-guard';
import { terminalLines, unreachableText } from '../../../scripts/terminal-chat';

describe("the demo's guard against a second demo", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'demo-guard-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('refuses the data of a demo that is running, naming its process and what to do, and touches nothing', async () => {
    // A live process that is not this one: a child that waits.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(join(dir, 'demo.pid'), String(child.pid));
      await writeFile(join(dir, 'database'), 'the running demo');
      const claim = claimDemoData(dir);
      await expect(claim).rejects.toBeInstanceOf(DemoCannotStartError);
      await expect(claim).rejects.toThrow(`Another demo is running on the same data (process ${child.pid}). Stop it first`);
      expect(await readFile(join(dir, 'database'), 'utf8')).toBe('the running demo');
    } finally {
      child.kill();
    }
  });

  it('takes over the data of a demo that died, and lets it go on stop', async () => {
    // A process id that no process has (far above any real one).
    await writeFile(join(dir, 'demo.pid'), '2147483646');
    const release = await claimDemoData(dir);
    expect(await readFile(join(dir, 'demo.pid'), 'utf8')).toBe(String(process.pid));
    await release();
    await expect(readFile(join(dir, 'demo.pid'), 'utf8')).rejects.toThrow();
  });

  it('refuses a port in use, naming the setting that moves it; port 0 is never checked', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(ensurePortsFree('127.0.0.1', [{ port, setting: 'PORT', what: 'the bot' }])).rejects.toThrow(
        `Port ${port} (the bot) is already in use, perhaps by another demo. Stop it first, or set PORT to a free port.`,
      );
      await expect(ensurePortsFree('127.0.0.1', [{ port: 0, setting: 'PORT', what: 'the bot' }])).resolves.toBeUndefined();
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
    await expect(ensurePortsFree('127.0.0.1', [{ port, setting: 'PORT', what: 'the bot' }])).resolves.toBeUndefined();
  });
});

describe("the demo terminal's lines", () => {
  it('shows one line per reply that says something, and "(no answer)" when none does', () => {
    expect(terminalLines('MFA Coach', ['', 'Sent Ada a reminder.\nShe gets it now.', '  '])).toBe(
      '  MFA Coach: Sent Ada a reminder.\n    She gets it now.',
    );
    expect(terminalLines('MFA Coach', ['', ' '])).toBe('  (no answer)');
  });

  it('says in words that the bot is not answering, rather than a connection error code', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(unreachableText(refused)).toBe('The bot is not answering: it may be stopping, or it stopped. Start the demo again.');
    expect(unreachableText(refused)).not.toContain('127.0.0.1');
    expect(unreachableText(new Error('the bot answered 500'))).toBe('Could not reach the bot: the bot answered 500');
  });
});
