import { DEFAULT_CLASSIFICATION_POLICY, STRENGTHS_STRONGEST_FIRST, type ClassificationPolicy } from '../../../src/domain/mfa/mfa-strength';
import { DEFAULT_RATE_POLICY, type RatePolicy } from '../../../src/domain/mfa/rate-policy';
import type { ClassifiedRegistration, PostureStore } from '../../../src/domain/ports/posture-store';
import { readPosture } from '../../../src/use-cases/read-posture';
import { scanTenant, type ScanTenantDeps } from '../../../src/use-cases/scan-tenant';
import { fakeUser, type FakeUser } from '../../fakes/fake-user';
import { InMemoryDirectory } from '../../fakes/in-memory-directory';
import { InMemoryPostureStore } from '../../fakes/in-memory-posture-store';

const T0 = new Date('2025-06-01T02:00:00.000Z');
const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

const TENANT: FakeUser[] = [
  fakeUser('u1', { department: 'Sales', methods: ['authenticatorPush'] }),
  fakeUser('u2', { department: 'Sales', methods: ['sms'], isAdmin: true }),
  fakeUser('u3', { department: 'Sales', methods: ['softwareOath'] }),
  fakeUser('u4', { department: 'IT', methods: [] }),
  fakeUser('u5', { department: 'IT', methods: ['passkey'], isAdmin: true }),
  fakeUser('g1', { department: 'IT', userType: 'guest', methods: ['sms'] }),
];

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('scanTenant', () => {
  let store: InMemoryPostureStore;
  let directory: InMemoryDirectory;
  let clock: Date;

  const deps = (overrides: Partial<ScanTenantDeps> = {}): ScanTenantDeps => ({
    directory,
    store,
    policy: DEFAULT_CLASSIFICATION_POLICY,
    rates: DEFAULT_RATE_POLICY,
    now: () => clock,
    ...overrides,
  });
  const everyone = () => store.listUsers({ strengths: STRENGTHS_STRONGEST_FIRST, includeExcluded: true, offset: 0, limit: 1000 });

  beforeEach(() => {
    store = new InMemoryPostureStore();
    directory = new InMemoryDirectory([...TENANT]);
    directory.pageSize = 2;
    clock = T0;
  });

  it('walks people and registrations page by page and completes with a snapshot', async () => {
    directory.reportUpdatedAt = new Date('2025-05-31T23:00:00.000Z');

    const outcome = await scanTenant(deps(), 'admin', 'admin-1');

    expect(outcome).toMatchObject({
      kind: 'completed',
      run: {
        trigger: 'admin',
        requestedBy: 'admin-1',
        startedAt: T0,
        status: 'succeeded',
        users: 6,
        reportUpdatedAt: directory.reportUpdatedAt,
      },
      snapshot: {
        takenAt: T0,
        reportUpdatedAt: directory.reportUpdatedAt,
        overall: { strong: 2, acceptable: 1, weak: 1, none: 1, criticalAdmins: 1, excluded: 1 },
      },
      stats: { people: { pages: 3, items: 6 }, registrations: { pages: 3, items: 6 } },
    });
    expect('previous' in outcome).toBe(false);
    expect(directory.pagesHanded).toEqual({ people: [2, 2, 2], registrations: [2, 2, 2] });
  });

  it("keeps the directory's own totals with the snapshot, and completes without them when they cannot be read", async () => {
    const totals = { totalUsers: 6, mfaCapable: 4, passwordlessCapable: 1, ssprRegistered: 3 };
    const withTotals = Object.assign(directory, { registrationSummary: async () => ({ ...totals, byMethod: { sms: 2 } }) });

    const outcome = await scanTenant(deps({ directory: withTotals }), 'admin');

    expect(outcome).toMatchObject({ kind: 'completed', snapshot: { directoryTotals: totals } });
    expect((await store.latestSnapshots(1))[0]!.directoryTotals).toEqual(totals);
    expect(await readPosture({ store })).toMatchObject({ kind: 'summary', directoryTotals: totals });

    clock = new Date(T0.getTime() + 86_400_000);
    withTotals.registrationSummary = async () => Promise.reject(new Error('403 Forbidden: AuditLog.Read.All is missing'));
    const second = await scanTenant(deps({ directory: withTotals }), 'schedule');

    expect(second).toMatchObject({ kind: 'completed', stats: { directoryTotalsError: expect.stringContaining('AuditLog.Read.All') } });
    expect((await store.latestSnapshots(1))[0]!.directoryTotals).toBeUndefined();
  });

  it('answers the previous snapshot with the next scan', async () => {
    const first = await scanTenant(deps(), 'schedule');
    directory.users = directory.users.map((user) =>
      user.entry.id === 'u4' ? fakeUser('u4', { department: 'IT', methods: ['passkey'] }) : user,
    );
    clock = minutesAfter(T0, 24 * 60);

    const second = await scanTenant(deps(), 'schedule');

    if (first.kind !== 'completed' || second.kind !== 'completed') throw new Error(`scans did not complete: ${first.kind}, ${second.kind}`);
    expect(second.previous).toEqual(first.snapshot);
    expect(second.snapshot.overall).toMatchObject({ strong: 3, none: 0 });
  });

  it('judges each page by the tenant policy before it is saved', async () => {
    const policy: ClassificationPolicy = {
      ...DEFAULT_CLASSIFICATION_POLICY,
      strong: [...DEFAULT_CLASSIFICATION_POLICY.strong, 'softwareOath'],
    };
    const saved: ClassifiedRegistration[][] = [];
    const spying: PostureStore = Object.assign(Object.create(store) as InMemoryPostureStore, {
      saveRegistrations: (scanId: string, page: readonly ClassifiedRegistration[]) => {
        saved.push([...page]);
        return store.saveRegistrations(scanId, page);
      },
    });

    const outcome = await scanTenant(deps({ store: spying, policy }), 'schedule');

    expect(saved.map((page) => page.map((r) => [r.id, r.strength]))).toEqual([
      [
        ['u1', 'strong'],
        ['u2', 'weak'],
      ],
      [
        ['u3', 'strong'],
        ['u4', 'none'],
      ],
      [
        ['u5', 'strong'],
        ['g1', 'weak'],
      ],
    ]);
    expect(outcome.kind === 'completed' && outcome.snapshot.overall.strong).toBe(3);
  });

  it("takes the newest report row's time when the walk does not say how fresh the report is", async () => {
    directory.users = [
      fakeUser('a', { methods: ['sms'], reportUpdatedAt: new Date('2025-05-31T20:00:00.000Z') }),
      fakeUser('b', { methods: ['sms'], reportUpdatedAt: new Date('2025-05-31T22:00:00.000Z') }),
      fakeUser('c', { methods: ['sms'], reportUpdatedAt: new Date('2025-05-31T21:00:00.000Z') }),
    ];

    const outcome = await scanTenant(deps(), 'schedule');

    expect(outcome.kind === 'completed' && outcome.snapshot.reportUpdatedAt).toEqual(new Date('2025-05-31T22:00:00.000Z'));
  });

  it('refuses a second scan while one runs, saying when the first started, and the first still completes', async () => {
    const hold = deferred();
    const reached = deferred();
    directory.beforePage = async (walk, page) => {
      if (walk === 'registrations' && page === 1) {
        reached.resolve();
        await hold.promise;
      }
    };
    const first = scanTenant(deps(), 'schedule');
    await reached.promise;
    clock = minutesAfter(T0, 7);

    const second = await scanTenant(deps(), 'admin', 'admin-2');

    expect(second).toEqual({
      kind: 'alreadyRunning',
      run: { id: expect.any(String), trigger: 'schedule', startedAt: T0, status: 'running' },
    });
    hold.resolve();
    expect((await first).kind).toBe('completed');
  });

  it.each([
    ['people', 'reading the directory'],
    ['registrations', 'reading the MFA registrations'],
  ] as const)('fails the scan when the %s walk breaks, keeping the previous state intact', async (walk, stage) => {
    await scanTenant(deps(), 'schedule');
    const usersBefore = await everyone();
    const snapshotsBefore = await store.latestSnapshots(10);
    directory.users = [fakeUser('newcomer', { methods: [] }), ...TENANT.slice(1)];
    directory.beforePage = (w, page) => {
      if (w === walk && page === 1) throw new Error('Service unavailable (503) after 4 retries');
    };
    clock = minutesAfter(T0, 60);

    const outcome = await scanTenant(deps(), 'admin', 'admin-1');

    const error = `The scan failed while ${stage}: Service unavailable (503) after 4 retries`;
    expect(outcome).toEqual({
      kind: 'failed',
      run: {
        id: expect.any(String),
        trigger: 'admin',
        requestedBy: 'admin-1',
        startedAt: clock,
        finishedAt: clock,
        status: 'failed',
        error,
      },
      error,
    });
    expect(await store.latestScan()).toEqual(outcome.kind === 'failed' ? outcome.run : undefined);
    expect(await everyone()).toEqual(usersBefore);
    expect(await store.latestSnapshots(10)).toEqual(snapshotsBefore);

    directory.beforePage = undefined;
    expect((await scanTenant(deps(), 'schedule')).kind).toBe('completed');
  });

  it('keeps secrets out of the failure it reports and stores', async () => {
    directory.beforePage = () => {
      throw new Error(
        'POST https://svc:hunter2@login.example/token failed: client_secret=s3cr3t Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2ln\nat stack line',
      );
    };

    const outcome = await scanTenant(deps(), 'schedule');

    expect(outcome.kind).toBe('failed');
    const stored = (await store.latestScan())?.error ?? '';
    for (const text of [outcome.kind === 'failed' ? outcome.error : '', stored]) {
      expect(text).toMatch(/^The scan failed while reading the directory: POST https:\/\/svc:\[redacted\]@login/);
      expect(text).not.toMatch(/hunter2|s3cr3t|eyJ|stack line/);
    }
  });

  it('forgets users who have left the directory', async () => {
    await scanTenant(deps(), 'schedule');
    directory.users = TENANT.filter((user) => user.entry.id !== 'u2');
    clock = minutesAfter(T0, 60);

    const outcome = await scanTenant(deps(), 'schedule');

    expect((await everyone()).users.map((user) => user.id).sort()).toEqual(['g1', 'u1', 'u3', 'u4', 'u5']);
    expect(await store.findUsers('u2@contoso.example', 1)).toEqual([]);
    expect(outcome.kind === 'completed' && outcome.snapshot.overall).toEqual({
      strong: 2,
      acceptable: 1,
      weak: 0,
      none: 1,
      criticalAdmins: 0,
      excluded: 1,
      phoneOnly: 0,
      phishingResistant: 1,
      admins: 1,
      adminsPhishingResistant: 1,
    });
  });

  it.each<[string, RatePolicy, object]>([
    ['excluded from rates by default', DEFAULT_RATE_POLICY, { none: 1, excluded: 2 }],
    ['counted as none when disabled accounts are included', { includeGuests: false, includeDisabled: true }, { none: 2, excluded: 1 }],
  ])('keeps disabled users missing from the report as "none", %s', async (_name, rates, counts) => {
    directory.users = [...TENANT, fakeUser('d1', { department: 'IT', accountEnabled: false, inReport: false })];

    const outcome = await scanTenant(deps({ rates }), 'schedule');

    const [disabled] = await store.findUsers('d1@contoso.example', 1);
    expect(disabled).toMatchObject({
      id: 'd1',
      strength: 'none',
      methods: [],
      accountEnabled: false,
      countsInRates: rates.includeDisabled,
    });
    expect(outcome.kind === 'completed' && outcome.snapshot.overall).toMatchObject(counts);
  });

  it('fails, keeping the previous results, when the directory lists nobody or the report returns nothing', async () => {
    await scanTenant(deps(), 'schedule');
    const usersBefore = await everyone();

    directory.users = [];
    const empty = await scanTenant(deps(), 'schedule');
    directory.users = TENANT.map((user) => ({ entry: user.entry }));
    const noReport = await scanTenant(deps(), 'schedule');

    expect(empty).toMatchObject({ kind: 'failed', error: expect.stringMatching(/reading the directory: the directory listed no users/) });
    expect(noReport).toMatchObject({
      kind: 'failed',
      error: expect.stringMatching(/reading the MFA registrations: the directory returned no MFA registrations/),
    });
    expect(await everyone()).toEqual(usersBefore);
  });

  // Issue 15, item 7: a report cut off half-way used to publish everyone it missed as having no MFA.
  it('fails, keeping the previous results, when the report covers too few of the enabled members', async () => {
    await scanTenant(deps(), 'schedule');
    const usersBefore = await everyone();
    // 20 enabled members; the report stops after 18 of them (90%).
    const members = Array.from({ length: 20 }, (_, i) => fakeUser(`m${i}`, { department: 'Sales', methods: ['sms'] }));
    directory.users = members.map((user, i) => (i < 18 ? user : { entry: user.entry }));

    const cut = await scanTenant(deps(), 'schedule');

    expect(cut).toMatchObject({
      kind: 'failed',
      error: expect.stringMatching(
        /covered only 18 of the 20 enabled members \(90%, below the 95% required\), so the previous results were kept/,
      ),
    });
    expect(await everyone()).toEqual(usersBefore);
    // The share is the operator's to set: at 90% this report is enough.
    expect(await scanTenant(deps({ minReportCoverage: 0.9 }), 'schedule')).toMatchObject({ kind: 'completed' });
  });

  it('publishes a report that covers enough, marking whoever it missed as unknown, not as having no MFA', async () => {
    const members = Array.from({ length: 40 }, (_, i) => fakeUser(`k${i}`, { department: 'Sales', methods: ['sms'] }));
    directory.users = members.map((user, i) => (i === 0 ? { entry: user.entry } : user));

    expect(await scanTenant(deps(), 'schedule')).toMatchObject({ kind: 'completed' });

    const [missed] = await store.findUsers('k0@contoso.example', 1);
    const [seen] = await store.findUsers('k1@contoso.example', 1);
    expect(missed).toMatchObject({ id: 'k0', inReport: false });
    expect(seen?.inReport).toBeUndefined();
  });

  it('answers a failure without a run when the scan cannot even be recorded, and never throws', async () => {
    const down: PostureStore = Object.assign(Object.create(store) as InMemoryPostureStore, {
      startScan: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
    });

    expect(await scanTenant(deps({ store: down }), 'schedule')).toEqual({
      kind: 'failed',
      error: 'The scan failed while starting: connect ECONNREFUSED 127.0.0.1:5432',
    });
  });

  it('still answers the failure when recording it fails too', async () => {
    const flaky: PostureStore = Object.assign(Object.create(store) as InMemoryPostureStore, {
      completeScan: () => Promise.reject(new Error('the database went away')),
      failScan: () => Promise.reject(new Error('still away')),
    });

    const outcome = await scanTenant(deps({ store: flaky }), 'schedule');

    expect(outcome).toMatchObject({
      kind: 'failed',
      run: { status: 'failed' },
      error: 'The scan failed while summarizing the results: the database went away',
    });
  });
});
