import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const tsx = require.resolve('tsx/cli');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run doctor -- <args>` as an operator runs it: the script through tsx, in a clean environment. */
function doctor(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [tsx, 'scripts/doctor.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const failingLines = (run: Run) => run.stdout.split('\n').filter((line) => /\bFAIL\b/.test(line));

jest.setTimeout(60_000);

describe('npm run doctor -- --demo', () => {
  // Both at once: each starts the demo's parts (the Graph emulator, the bot on an in-memory database) on its own.
  let granted: Promise<Run>;
  let revoked: Promise<Run>;
  beforeAll(() => {
    granted = doctor(['--demo']);
    revoked = doctor(['--demo', '--revoke', 'AuditLog.Read.All']);
  });

  it('passes on the demo as it is: exit code 0, a table of checks, no failing line', async () => {
    const run = await granted;
    expect({ code: run.code, failing: failingLines(run) }).toEqual({ code: 0, failing: [] });
    expect(run.stdout).toContain('MFA Coach can work in this tenant');
    expect(run.stdout).toMatch(/^CHECK +STATUS +SUMMARY$/m);
    for (const check of ['Graph permissions', 'Graph: registration report', 'Database', 'Job engine', 'Clock'])
      expect(run.stdout).toMatch(new RegExp(`^${check} +ok `, 'm'));
  });

  it('fails with AuditLog.Read.All revoked: exit code 1, naming the permission, what stops working and what to do', async () => {
    const run = await revoked;
    expect(run.code).toBe(1);
    expect(failingLines(run)).toContainEqual(
      expect.stringMatching(
        /^Graph permissions +FAIL +missing: AuditLog\.Read\.All \(AuditLog\.Read\.All's calls still answer through UserAuthenticationMethod\.Read\.All, a higher permission\)$/,
      ),
    );
    expect(run.stdout).toContain('Stops working: AuditLog.Read.All: scans fail with 403');
    expect(run.stdout).toContain('To do: grant the Microsoft Graph application permission AuditLog.Read.All');
  });

  it('refuses a permission it does not know, before starting anything', async () => {
    const run = await doctor(['--demo', '--revoke', 'Directory.ReadWrite.All']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"Directory.ReadWrite.All" is not a permission MFA Coach uses');
  });
});
