import type { HealthCheck, HealthResult } from '../../../src/domain/ports/health-check';
import { countsLine, Doctor, runDoctor, verdictLine } from '../../../src/use-cases/run-doctor';

/** A check that answers `result` (after `delayMs`, when given). */
const answering = (name: string, result: HealthResult, delayMs = 0): HealthCheck => ({
  name,
  run: () => new Promise((resolve) => setTimeout(() => resolve(result), delayMs)),
});
const ok = (name: string) => answering(name, { status: 'ok', summary: 'fine' });
const warns = (name: string) => answering(name, { status: 'warn', summary: 'not sure', impact: 'a little', fix: 'look' });
const fails = (name: string) => answering(name, { status: 'fail', summary: 'broken', impact: 'a lot', fix: 'mend it' });
/** Never answers: a Graph call or a database that hangs. */
const hung = (name: string): HealthCheck => ({ name, run: () => new Promise<HealthResult>(() => undefined) });

describe('runDoctor', () => {
  it('is ok when every check is, and keeps the checks in the order given', async () => {
    const report = await runDoctor([ok('Database'), ok('Clock'), ok('Graph permissions')]);
    expect(report.status).toBe('ok');
    expect(report.checks.map((c) => c.name)).toEqual(['Database', 'Clock', 'Graph permissions']);
    expect(report.counts).toEqual({ ok: 3, warn: 0, fail: 0 });
    expect(verdictLine(report)).toBe('MFA Coach can work in this tenant: all 3 checks passed.');
  });

  it('warns when one check warns and none fails; fails when any fails, naming the failing ones', async () => {
    expect((await runDoctor([ok('a'), warns('b')])).status).toBe('warn');
    const report = await runDoctor([ok('a'), warns('b'), fails('Graph permissions'), fails('Database')]);
    expect(report.status).toBe('fail');
    expect(report.counts).toEqual({ ok: 1, warn: 1, fail: 2 });
    expect(verdictLine(report)).toBe('MFA Coach cannot fully work in this tenant: 2 checks fail (Graph permissions, Database).');
    expect(report.checks[2]).toMatchObject({
      name: 'Graph permissions',
      status: 'fail',
      summary: 'broken',
      impact: 'a lot',
      fix: 'mend it',
    });
  });

  it('is ok with no checks at all', async () => {
    expect((await runDoctor([])).status).toBe('ok');
  });

  it('turns a hung check into a failure at its time limit, without holding up the others or the report', async () => {
    const started = Date.now();
    const report = await runDoctor([hung('Graph: users'), ok('Database')], { timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(report.status).toBe('fail');
    expect(report.checks[0]).toMatchObject({ name: 'Graph: users', status: 'fail', summary: 'no answer within 200 ms' });
    expect(report.checks[0]!.impact).toContain('hung');
    expect(report.checks[1]).toMatchObject({ name: 'Database', status: 'ok' });
  });

  it('gives every check 10 s by default', async () => {
    jest.useFakeTimers();
    try {
      const pending = runDoctor([hung('Job engine')]);
      await jest.advanceTimersByTimeAsync(9_999);
      let settled = false;
      void pending.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect((await pending).checks[0]).toMatchObject({ status: 'fail', summary: 'no answer within 10 s' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('runs the checks together, not one after the other', async () => {
    let inFlight = 0;
    let most = 0;
    const overlapping = (name: string): HealthCheck => ({
      name,
      run: async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight--;
        return { status: 'ok', summary: '' };
      },
    });
    await runDoctor([overlapping('a'), overlapping('b'), overlapping('c')]);
    expect(most).toBe(3);
  });

  it("turns a check that throws (or rejects) into a failure with the error's message", async () => {
    const throwsAtOnce: HealthCheck = {
      name: 'Clock',
      run: () => {
        throw new Error('relation "job_heartbeats" does not exist');
      },
    };
    const rejects: HealthCheck = { name: 'Answer model', run: async () => Promise.reject(new Error('socket hang up')) };
    const report = await runDoctor([throwsAtOnce, rejects, ok('Database')]);
    expect(report.status).toBe('fail');
    expect(report.checks[0]).toMatchObject({ name: 'Clock', status: 'fail', summary: 'relation "job_heartbeats" does not exist' });
    expect(report.checks[1]).toMatchObject({ name: 'Answer model', status: 'fail', summary: 'socket hang up' });
    expect(report.checks[2]!.status).toBe('ok');
  });
});

describe('countsLine', () => {
  it('says the counts in one line, for /readyz', () => {
    expect(countsLine({ ok: 7, warn: 1, fail: 0 })).toBe('7 ok, 1 warning, 0 failing');
    expect(countsLine({ ok: 5, warn: 2, fail: 1 })).toBe('5 ok, 2 warnings, 1 failing');
  });
});

describe('Doctor', () => {
  it('keeps the last report for /readyz, and says so before the first', async () => {
    const doctor = new Doctor([ok('a'), warns('b')]);
    expect(doctor.summary()).toBe('not run yet');
    expect(doctor.latest()).toBeUndefined();
    const report = await doctor.run();
    expect(doctor.latest()).toBe(report);
    expect(doctor.summary()).toBe('1 ok, 1 warning, 0 failing');
  });

  it('shares a run in progress (the start-up run and an admin asking), and runs again once it ended', async () => {
    let runs = 0;
    const counted: HealthCheck = {
      name: 'counted',
      run: async () => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { status: 'ok', summary: `run ${runs}` };
      },
    };
    const doctor = new Doctor([counted]);
    const [first, second] = await Promise.all([doctor.run(), doctor.run()]);
    expect(first).toBe(second);
    expect(runs).toBe(1);
    await doctor.run();
    expect(runs).toBe(2);
    expect(doctor.latest()!.checks[0]!.summary).toBe('run 2');
  });
});
