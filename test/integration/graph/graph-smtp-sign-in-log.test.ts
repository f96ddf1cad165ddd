import { createServer } from 'node:net';
import { AUTHENTICATED_SMTP, buildDemoSignIns, generateDemoTenant } from '../../../emulators/demo-tenant';
import { startGraphEmulator } from '../../../emulators/graph';
import { encodeSkipToken } from '../../../emulators/graph/collection-page';
import { createGraphClient } from '../../../src/adapters/graph/graph-client';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory';
import { useGraphEmulator } from '../../emulators/graph/use-graph-emulator';
import { FAST_RETRIES } from './graph-directory-harness';
import { DAY_MS, LAST_30_DAYS, manyEvents, NOW, readAll, reportsPacer, smtpEvent, smtpLogOn, TIME_SCALE } from './smtp-sign-in-log-harness';

const tenant = generateDemoTenant({ users: 50 });
const demo = buildDemoSignIns(tenant, { now: NOW });
const demoSmtp = demo.filter((e) => e.clientAppUsed === AUTHENTICATED_SMTP);
const SIGN_INS_ROUTE = 'GET /auditLogs/signIns';
const SIGN_INS_PATH = /\/auditLogs\/signIns/;
/** The request for the page that starts at `position` of the log (the emulator's skip token is the scan position). */
const pageAt = (position: number) => new RegExp(`/auditLogs/signIns\\?.*\\$skiptoken=${encodeSkipToken(position)}`);
const BOTH = ['AuditLog.Read.All', 'Directory.Read.All'];

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('the SMTP AUTH sign-in log on Graph v1.0, against the Graph emulator', () => {
  const graph = useGraphEmulator({ tenant, signInsAnchor: NOW, timeScale: TIME_SCALE, logNotImplemented: false });
  const logWith = (setup: Parameters<typeof smtpLogOn>[2] = {}) => smtpLogOn(graph.url, tenant.tenantId, setup);

  describe('what it reads', () => {
    it("reads the demo tenant's month: SMTP AUTH events only, one page, in the form the v1.0 page documents", async () => {
      expect(demo.length).toBeGreaterThan(demoSmtp.length); // the interactive sign-ins the filter must leave out
      const { result, pages, all } = await readAll(logWith().log);
      expect(result).toEqual({ ok: true, signIns: demoSmtp.length, pages: 1, throttled: 0 });
      expect(pages).toHaveLength(1);
      expect(all.map((e) => e.at.toISOString())).toEqual(demoSmtp.map((e) => new Date(e.createdDateTime).toISOString()));
      expect(new Set(all.map((e) => e.accountId))).toEqual(new Set(demoSmtp.map((e) => e.userId)));
      expect(graph.stats().formsByRoute[SIGN_INS_ROUTE]).toEqual(['$filter&$top']);
      expect(graph.stats().requestsByService.reports).toBe(1);
    });

    it('keeps to the window, both ends included: an event a second outside either end is left out', async () => {
      const since = new Date(NOW.getTime() - 10 * DAY_MS);
      const until = new Date(NOW.getTime() - 2 * DAY_MS);
      const msAgo = (date: Date, shiftMs: number) => NOW.getTime() - date.getTime() - shiftMs;
      graph.state.setSignIns([
        smtpEvent(1, msAgo(since, 0)), // exactly at since
        smtpEvent(2, msAgo(since, -1000)), // a second before since
        smtpEvent(3, msAgo(until, 0)), // exactly at until
        smtpEvent(4, msAgo(until, 1000)), // a second after until
        smtpEvent(5, 5 * DAY_MS),
        smtpEvent(6, 5 * DAY_MS + 1000, { clientAppUsed: 'Exchange ActiveSync' }), // inside, but not SMTP AUTH
        smtpEvent(7, 6 * DAY_MS, { clientAppUsed: 'Browser' }),
      ]);
      const { result, all } = await readAll(logWith().log, { since, until });
      expect(result).toMatchObject({ ok: true, signIns: 3, pages: 1 });
      expect(all.map((e) => e.userPrincipalName)).toEqual([
        'sender3@contoso.example',
        'sender5@contoso.example',
        'sender1@contoso.example',
      ]);
      expect(all[0]!.at).toEqual(until);
      expect(all[2]!.at).toEqual(since);
    });

    it('an empty month: ok, no sign-ins, the one page Graph served', async () => {
      graph.state.clearSignIns();
      const { result, pages } = await readAll(logWith().log);
      expect(result).toEqual({ ok: true, signIns: 0, pages: 1, throttled: 0 });
      expect(pages).toEqual([[]]);
    });

    it('pages through more than 1,000 events: 2,500 are 3 pages of at most 1,000, each event exactly once', async () => {
      graph.state.setSignIns(manyEvents(2500));
      const { result, pages, all } = await readAll(logWith().log);
      expect(result).toEqual({ ok: true, signIns: 2500, pages: 3, throttled: 0 });
      expect(pages.map((p) => p.length)).toEqual([1000, 1000, 500]);
      const senders = all.map((e) => e.accountId);
      expect(new Set(senders).size).toBe(2500);
      expect(new Set(senders)).toEqual(new Set(graph.state.signIns.map((e) => e.userId)));
      expect(graph.stats().requestsByRoute[SIGN_INS_ROUTE]).toBe(3);
    });
  });

  describe('what it makes of each event', () => {
    it('Exchange Online as the app is a password; another app is OAuth; 50126 is a failure; clients by app, agent or device', async () => {
      graph.state.setSignIns([
        smtpEvent(1, 1 * DAY_MS), // a printer: Exchange's app, nothing about the device
        smtpEvent(2, 2 * DAY_MS, {
          status: {
            errorCode: 50126,
            failureReason: 'Error validating credentials due to invalid username or password.',
            additionalDetails: null,
          },
        }),
        smtpEvent(3, 3 * DAY_MS, {
          appId: 'a1b2c3d4-0000-4000-8000-000000000001',
          appDisplayName: 'Contoso Invoicing',
          isInteractive: false,
        }),
        smtpEvent(4, 4 * DAY_MS, { userAgent: 'BizHub C300i' }),
        smtpEvent(5, 5 * DAY_MS, {
          deviceDetail: { ...smtpEvent(0, 0).deviceDetail, displayName: 'PRINTER-2F', operatingSystem: 'Linux' },
        }),
        smtpEvent(6, 6 * DAY_MS, { deviceDetail: { ...smtpEvent(0, 0).deviceDetail, operatingSystem: 'Linux' } }),
        smtpEvent(7, 7 * DAY_MS, { appId: 'a1b2c3d4-0000-4000-8000-000000000002', appDisplayName: '', userAgent: 'python-smtplib' }),
        smtpEvent(8, 8 * DAY_MS, { userId: '' }), // names nobody: left out
        smtpEvent(9, 9 * DAY_MS, { userDisplayName: '', ipAddress: '' }),
      ]);
      const { result, all } = await readAll(logWith().log);
      expect(result).toMatchObject({ ok: true, signIns: 8 });
      const by = (n: number) => all.find((e) => e.userPrincipalName === `sender${n}@contoso.example`);
      expect(by(1)).toEqual({
        at: new Date(NOW.getTime() - DAY_MS),
        accountId: '10000000-0000-4000-8000-000000000001',
        userPrincipalName: 'sender1@contoso.example',
        displayName: 'Sender 1',
        ipAddress: '203.0.113.10',
        succeeded: true,
        usedPassword: true,
      });
      expect(by(2)).toMatchObject({ succeeded: false, usedPassword: true });
      expect(by(3)).toMatchObject({ succeeded: true, usedPassword: false, client: 'Contoso Invoicing' });
      expect(by(4)).toMatchObject({ usedPassword: true, client: 'BizHub C300i' });
      expect(by(5)).toMatchObject({ usedPassword: true, client: 'PRINTER-2F' });
      expect(by(6)).toMatchObject({ usedPassword: true, client: 'Linux' });
      expect(by(7)).toMatchObject({ usedPassword: false, client: 'python-smtplib' });
      expect(by(8)).toBeUndefined();
      expect(by(9)).toEqual({
        at: expect.any(Date),
        accountId: '10000000-0000-4000-8000-000000000009',
        userPrincipalName: 'sender9@contoso.example',
        succeeded: true,
        usedPassword: true,
      });
    });

    it("the demo tenant's senders: the printer and the script use a password, the invoicing app OAuth, the old scanner fails", async () => {
      const { all } = await readAll(logWith().log);
      const scanner = all.filter((e) => e.userPrincipalName.startsWith('scanner@'));
      expect(scanner.filter((e) => e.succeeded)).toHaveLength(6);
      expect(scanner.filter((e) => !e.succeeded).map((e) => e.ipAddress)).toEqual(['203.0.113.44', '203.0.113.44']);
      expect(scanner.every((e) => e.usedPassword === true && e.client === undefined)).toBe(true);
      const invoicing = all.filter((e) => e.userPrincipalName.startsWith('invoicing@'));
      expect(invoicing.map((e) => [e.usedPassword, e.client])).toEqual([
        [false, 'Contoso Invoicing'],
        [false, 'Contoso Invoicing'],
      ]);
      const admin = tenant.users.find((u) => u.id === tenant.personaIds.admin)!;
      expect(all.filter((e) => e.accountId === admin.id)).toEqual([
        expect.objectContaining({ usedPassword: true, ipAddress: '198.51.100.23' }),
      ]);
    });
  });

  describe('the reports budget', () => {
    it('takes its slots from the shared pacer: with live method checks at the same time, not a single 429', async () => {
      graph.state.setSignIns(manyEvents(2500));
      const pacer = reportsPacer();
      const { log, token } = logWith({ pacer });
      const directory = new GraphDirectory(
        createGraphClient(graph.url, async () => token),
        { reportsPacer: pacer, retry: FAST_RETRIES },
      );
      const people = tenant.users.slice(0, 6);
      const { value, ms } = await timed(() => Promise.all([readAll(log), ...people.map((u) => directory.currentMethods(u.id))]));
      expect(value[0].result).toEqual({ ok: true, signIns: 2500, pages: 3, throttled: 0 });
      expect(graph.stats().requestsByService.reports).toBe(3 + people.length);
      expect(graph.stats().throttled).toBe(0);
      // Nine requests in a budget of five per window: at least one window waited.
      expect(ms).toBeGreaterThanOrEqual(10_000 * TIME_SCALE);
    });

    it('(the same with a pacer of its own spends the budget twice and meets 429s, which it rides out and counts)', async () => {
      graph.state.setSignIns(manyEvents(2500));
      const { log, token } = logWith({ pacer: reportsPacer() });
      const directory = new GraphDirectory(
        createGraphClient(graph.url, async () => token),
        {
          reportsPacer: reportsPacer(),
          retry: FAST_RETRIES,
        },
      );
      const [{ result }] = await Promise.all([readAll(log), ...tenant.users.slice(0, 6).map((u) => directory.currentMethods(u.id))]);
      expect(result).toMatchObject({ ok: true, signIns: 2500, pages: 3 });
      expect(graph.stats().throttled).toBeGreaterThan(0);
    });

    it('waits out an injected 429 and its Retry-After, on the first page and mid-walk, and counts them', async () => {
      graph.state.setSignIns(manyEvents(2500));
      graph.injectFaults({ count: 2, status: 429, retryAfterSeconds: 3, path: SIGN_INS_PATH });
      graph.injectFaults({ count: 1, status: 429, retryAfterSeconds: 3, path: pageAt(2000) });
      const { value, ms } = await timed(() => readAll(logWith().log));
      expect(value.result).toEqual({ ok: true, signIns: 2500, pages: 3, throttled: 3 });
      expect(new Set(value.all.map((e) => e.accountId)).size).toBe(2500);
      expect(graph.stats().faults).toBe(3);
      expect(ms).toBeGreaterThanOrEqual(3 * 3000 * TIME_SCALE);
    });

    it('gives up on endless 429s after the bounded retries: failed, not a partial month', async () => {
      graph.injectFaults({ count: 100, status: 429, retryAfterSeconds: 1, path: SIGN_INS_PATH });
      const { result, pages } = await readAll(logWith({ retry: { maxThrottleRetries: 2 } }).log);
      expect(result).toMatchObject({ ok: false, reason: 'failed', detail: expect.stringContaining('429') });
      expect(pages).toEqual([]);
    });
  });

  describe('when Graph refuses', () => {
    it('without AuditLog.Read.All: notPermitted naming it (from the token, and from Graph message alone)', async () => {
      for (const withRoles of [true, false]) {
        const { result } = await readAll(logWith({ revoked: ['AuditLog.Read.All'], withRoles }).log);
        expect(result).toEqual({
          ok: false,
          reason: 'notPermitted',
          missing: ['AuditLog.Read.All'],
          detail: expect.stringMatching(
            /403 Authentication_MSGraphPermissionMissing.*lacks AuditLog\.Read\.All.*AuditLog\.Read\.All and Directory\.Read\.All/,
          ),
        });
      }
    });

    it("without Directory.Read.All: notPermitted naming it, from the token and from Graph's code alone", async () => {
      for (const withRoles of [true, false]) {
        const { result } = await readAll(logWith({ revoked: ['Directory.Read.All'], withRoles }).log);
        expect(result).toMatchObject({ ok: false, reason: 'notPermitted', missing: ['Directory.Read.All'] });
      }
      expect(graph.stats().forbiddenByRoute[SIGN_INS_ROUTE]).toBe(2);
    });

    it('without either: both, from the token', async () => {
      const { result } = await readAll(logWith({ revoked: BOTH }).log);
      expect(result).toMatchObject({ ok: false, reason: 'notPermitted', missing: BOTH });
    });

    it('a 403 that names no permission, with a token that does not tell: both, since the route needs both', async () => {
      graph.injectFaults({ count: 1, status: 403, path: SIGN_INS_PATH });
      const { result } = await readAll(logWith({ withRoles: false }).log);
      expect(result).toMatchObject({ ok: false, reason: 'notPermitted', missing: BOTH });
    });

    it('a tenant without Microsoft Entra ID P1 or P2: notLicensed, saying so', async () => {
      graph.state.setEntraIdPremium(false);
      const { result, pages } = await readAll(logWith().log);
      expect(result).toEqual({
        ok: false,
        reason: 'notLicensed',
        detail: expect.stringMatching(/Authentication_RequestFromNonPremiumTenantOrB2CTenant.*Microsoft Entra ID P1 or P2/),
      });
      expect(pages).toEqual([]);
    });
  });

  describe('when Graph fails', () => {
    it('a 500 on page 3 fails the read, after pages 1 and 2 were handed over; nothing secret in the words', async () => {
      graph.state.setSignIns(manyEvents(2500));
      graph.injectFaults({ count: 1, status: 500, path: pageAt(2000) });
      const { log, token } = logWith();
      const { result, pages } = await readAll(log);
      expect(result).toEqual({ ok: false, reason: 'failed', detail: expect.stringContaining('500 generalException') });
      expect(pages.map((p) => p.length)).toEqual([1000, 1000]);
      expect(JSON.stringify(result)).not.toContain(token);
      expect(JSON.stringify(result)).not.toContain('$skiptoken');
    });

    it('503s that outlast the retries fail the read; fewer are retried and the read completes', async () => {
      graph.state.setSignIns(manyEvents(1500));
      graph.injectFaults({ count: 2, status: 503, path: pageAt(1000) });
      expect((await readAll(logWith().log)).result).toMatchObject({ ok: true, signIns: 1500, pages: 2 });
      graph.injectFaults({ count: 10, status: 503, path: pageAt(1000) });
      const { result } = await readAll(logWith({ retry: { maxTransientRetries: 2 } }).log);
      expect(result).toMatchObject({ ok: false, reason: 'failed', detail: expect.stringContaining('503') });
    });

    it("the page handler's own failure is passed on as it is, not taken for Graph's", async () => {
      const failure = new Error('database is gone');
      await expect(logWith().log.readSmtpSignIns(LAST_30_DAYS, () => Promise.reject(failure))).rejects.toBe(failure);
    });
  });
});

describe('the SMTP AUTH sign-in log when the connection drops', () => {
  it('mid-walk: the next page gets no answer, and the read fails', async () => {
    const graph = await startGraphEmulator({ tenant, signIns: manyEvents(2500), logNotImplemented: false, throttle: { reports: null } });
    const { log } = smtpLogOn(graph.url, tenant.tenantId, { retry: { maxTransientRetries: 1 } });
    const pages: number[] = [];
    const result = await log.readSmtpSignIns(LAST_30_DAYS, async (page) => {
      pages.push(page.length);
      if (pages.length === 1) await graph.close();
    });
    expect(result).toMatchObject({ ok: false, reason: 'failed', detail: expect.stringContaining('no answer') });
    expect(pages).toEqual([1000]);
  });

  it('from the start (nothing listens): failed, saying Graph did not answer', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const { log } = smtpLogOn(`http://127.0.0.1:${port}`, tenant.tenantId, { retry: { maxTransientRetries: 0 } });
    expect((await readAll(log)).result).toMatchObject({ ok: false, reason: 'failed', detail: expect.stringContaining('no answer') });
  });
});
