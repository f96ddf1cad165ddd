import type { GraphEmulator } from '../../../emulators/graph';
import type { UserRegistration } from '../../../src/domain/mfa/user-registration';
import { collect, directoryOn, startEmulator, tenantOf } from './graph-directory-harness';

const TIME_SCALE = 0.001; // the reports window (10 s) lasts 10 ms
const tenant = tenantOf(260);
const enabled = tenant.users.filter((u) => u.accountEnabled);
const METHODS_ROUTE = 'GET /users/{id}/authentication/methods';

let graph: GraphEmulator;
beforeAll(async () => {
  graph = await startEmulator(tenant, { timeScale: TIME_SCALE });
});
afterEach(() => graph.reset());
afterAll(() => graph.close());

/** What both sources must agree on; the report adds its own timestamp, the per-user mode knows the account is enabled. */
const comparable = ({ reportUpdatedAt: _r, accountEnabled: _a, ...rest }: UserRegistration) => rest;
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

describe("registrationSource 'perUserMethods' (tenants without Entra ID P1/P2)", () => {
  it('gives the same registrations as the report on the same tenant', async () => {
    const report = await collect<UserRegistration>((onPage) => directoryOn(graph, TIME_SCALE).walkRegistrations(onPage));
    const fallbackDirectory = directoryOn(graph, TIME_SCALE, { registrationSource: 'perUserMethods', perUserHandOverSize: 50 });
    let stats;
    const perUser = await collect<UserRegistration>(async (onPage) => (stats = await fallbackDirectory.walkRegistrations(onPage)));
    expect(perUser.items.length).toBe(enabled.length);
    expect(perUser.items.map(comparable).sort(byId)).toEqual(report.items.map(comparable).sort(byId));
    // Everything the report has a view on, the fallback has too: admins, guests, every strength.
    expect(
      perUser.items.some((r) => r.isAdmin) &&
        perUser.items.some((r) => r.userType === 'guest') &&
        perUser.items.some((r) => !r.isMfaRegistered),
    ).toBe(true);
    expect(perUser.items.every((r) => r.accountEnabled === true)).toBe(true);
    // Phone types as Entra keeps them, the same from both sources: the demo's office-only and alternate-mobile-only people.
    const phones = (name: string) => perUser.items.find((r) => r.displayName === name)?.phoneTypes;
    expect([phones('Dagny Solberg'), phones('Cormac Doherty'), phones('Fiona Achterberg')]).toEqual([
      ['office'],
      ['alternateMobile'],
      ['mobile', 'office'],
    ]);
    // Handed over in slices as the batches complete, not once per 999 users.
    expect(perUser.pageSizes.every((n) => n <= 50)).toBe(true);
    expect(stats).toMatchObject({ source: 'perUserMethods', items: enabled.length, throttled: 0, skipped: 0 });
    // One reports-budget request per user, sent in JSON batches no bigger than the budget allows (5).
    const emulated = graph.stats();
    expect(emulated.requestsByRoute[METHODS_ROUTE]).toBe(enabled.length);
    expect(emulated.batches).toBeGreaterThanOrEqual(Math.ceil(enabled.length / 5));
    expect(emulated.throttled).toBe(0);
  });

  it('works where the report answers 403 for want of a licence', async () => {
    const unlicensed = await startEmulator(tenant, { timeScale: TIME_SCALE, entraIdPremium: false });
    try {
      const { items } = await collect<UserRegistration>((onPage) =>
        directoryOn(unlicensed, TIME_SCALE, { registrationSource: 'perUserMethods' }).walkRegistrations(onPage),
      );
      expect(items).toHaveLength(enabled.length);
      // This mode never asks the report (which would answer 403); the default mode falls back to it by itself
      // (graph-directory-walks.test.ts).
      expect(unlicensed.stats().requestsByRoute['GET /reports/authenticationMethods/userRegistrationDetails']).toBeUndefined();
    } finally {
      await unlicensed.close();
    }
  });

  it('retries only the inner requests a batch answered 429, after the longest inner Retry-After', async () => {
    // Five users a page: the first page is exactly the first batch plus the retry of its throttled requests.
    const directory = directoryOn(graph, TIME_SCALE, { registrationSource: 'perUserMethods', perUserHandOverSize: 5 });
    // The first batch: its first request is told 3 s, the next two 300 s (scaled: 3 ms and 300 ms).
    graph.injectFaults({ count: 1, status: 429, retryAfterSeconds: 3, path: /authentication\/methods/ });
    graph.injectFaults({ count: 2, status: 429, retryAfterSeconds: 300, path: /authentication\/methods/ });
    const started = performance.now();
    let firstPageAt: number | undefined;
    let stats;
    const { items } = await collect<UserRegistration>(async (onPage) => {
      stats = await directory.walkRegistrations(async (page) => {
        firstPageAt ??= performance.now() - started;
        await onPage(page);
      });
    });
    expect(items.map((r) => r.id).sort()).toEqual(enabled.map((u) => u.id).sort());
    expect(stats).toMatchObject({ throttled: 3, requests: expect.any(Number) });
    // Each user read once, plus the three that were throttled: nothing else was sent twice.
    expect(graph.stats().requestsByRoute[METHODS_ROUTE]).toBe(enabled.length + 3);
    expect(graph.stats().faults).toBe(3);
    // The retried three waited for the longest Retry-After (300 ms), not the shortest (3 ms) nor just the window (10 ms).
    expect(firstPageAt).toBeGreaterThanOrEqual(300);
    expect(firstPageAt).toBeLessThan(2_000);
  });

  it("rides out the service's own inner 429s when the budget is set too high, and still gets everyone right", async () => {
    const directory = directoryOn(graph, TIME_SCALE, { registrationSource: 'perUserMethods', reportsBudget: { limit: 20, windowMs: 10 } });
    const { items } = await collect<UserRegistration>((onPage) => directory.walkRegistrations(onPage));
    expect(items).toHaveLength(enabled.length);
    expect(graph.stats().throttled).toBeGreaterThan(0);
    expect(graph.stats().requestsByRoute[METHODS_ROUTE]).toBe(enabled.length + graph.stats().throttled);
  });

  it('retries inner 503s, and skips a user deleted between listing and reading', async () => {
    const directory = directoryOn(graph, TIME_SCALE, { registrationSource: 'perUserMethods' });
    graph.injectFaults({ count: 2, status: 503, path: /authentication\/methods/ });
    graph.injectFaults({ count: 1, status: 404, path: /authentication\/methods/ });
    let stats;
    const { items } = await collect<UserRegistration>(async (onPage) => (stats = await directory.walkRegistrations(onPage)));
    expect(items).toHaveLength(enabled.length - 1);
    expect(stats).toMatchObject({ skipped: 1, transientRetries: 2 });
  });

  it('fails with a clear error when an inner request keeps failing', async () => {
    const directory = directoryOn(graph, TIME_SCALE, { registrationSource: 'perUserMethods' });
    graph.injectFaults({ count: 50, status: 503, path: /authentication\/methods/ });
    await expect(directory.walkRegistrations(async () => undefined)).rejects.toMatchObject({
      kind: 'unavailable',
      attempts: 5,
      message: expect.stringMatching(/^Microsoft Graph GET \/users\/[^/]+\/authentication\/methods failed: 503/),
    });
  });
});
