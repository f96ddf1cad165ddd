import { countPosture } from '../../../src/domain/mfa/count-posture';
import type { MethodKind } from '../../../src/domain/mfa/method-kind';
import { STRENGTHS_STRONGEST_FIRST } from '../../../src/domain/mfa/mfa-strength';
import { NO_COUNTS, type PostureCounts } from '../../../src/domain/mfa/posture-counts';
import { DEFAULT_RATE_POLICY, type RatePolicy } from '../../../src/domain/mfa/rate-policy';
import { ScanNotRunningError, type PostureStore, type UserCursor } from '../../../src/domain/ports/posture-store';
import { expectedStatus, fakeUser } from '../../fakes/fake-user';
import { eventually } from '../../support/eventually';
import { hoursAfter, MIXED_TENANT, scan, startNew, T0 } from './posture-scans';

/** Makes a store on the data of one test: each call is another bot instance on the same data. */
export type PostureStoreMaker = (options?: { staleAfterMs?: number }) => PostureStore;

const ALL = STRENGTHS_STRONGEST_FIRST;

/**
 * What every `PostureStore` promises: one scan at a time, the current state replaced whole by a scan that
 * completes (and untouched by one that fails), snapshots of the counts, and the reads of people. `openData` is
 * called before each test and answers a maker of stores on data with no scan yet.
 */

/** Counts with the readiness figures at zero, so each test names only those it expects to move. */
function counts(strong: number, acceptable: number, weak: number, none: number, criticalAdmins: number, excluded: number): PostureCounts {
  return { ...NO_COUNTS, strong, acceptable, weak, none, criticalAdmins, excluded };
}

export function postureStoreContract(name: string, openData: () => Promise<PostureStoreMaker>): void {
  describe(`PostureStore on ${name}`, () => {
    let makeStore: PostureStoreMaker;
    let store: PostureStore;

    beforeEach(async () => {
      makeStore = await openData();
      store = makeStore();
    });

    describe('scan runs', () => {
      it('starts a scan and reports it as the latest, running', async () => {
        const start = await store.startScan('admin', 'admin-1', T0);

        expect(start).toEqual({
          started: { id: expect.any(String), trigger: 'admin', requestedBy: 'admin-1', startedAt: T0, status: 'running' },
        });
        expect(await store.latestScan()).toEqual('started' in start ? start.started : undefined);
      });

      it('refuses a second scan while one runs and says which one, since when', async () => {
        const first = await startNew(store);

        const second = await store.startScan('admin', 'admin-2', hoursAfter(T0, 1));

        expect(second).toEqual({ running: first });
      });

      it('starts exactly one of several scans asked for at once (separate store instances, as on several bot instances)', async () => {
        const stores = [store, makeStore(), makeStore(), makeStore()];

        const results = await Promise.all(stores.map((each, i) => each.startScan('admin', `admin-${i}`, T0)));

        const started = results.flatMap((result) => ('started' in result ? [result.started] : []));
        const told = results.flatMap((result) => ('running' in result ? [result.running] : []));
        expect(started).toHaveLength(1);
        expect(told).toHaveLength(3);
        for (const running of told) expect(running).toEqual(started[0]);
        expect(await store.latestScan()).toEqual(started[0]);
      });

      it('starts a new scan once the previous one has completed or failed', async () => {
        await scan(store, [fakeUser('a', { methods: ['sms'] })]);
        const second = await startNew(store, hoursAfter(T0, 1));
        await store.failScan(second.id, hoursAfter(T0, 2), 'broken');

        const third = await store.startScan('admin', undefined, hoursAfter(T0, 3));

        expect('started' in third).toBe(true);
      });

      it('takes a scan silent for longer than the stale limit for dead: starts anew, and the dead one can write no more', async () => {
        const impatient = makeStore({ staleAfterMs: 50 });
        const dead = await startNew(impatient);
        await impatient.savePeople(dead.id, [fakeUser('a').entry]);

        const next = await eventually('the silent scan is taken for dead', async () => {
          const start = await impatient.startScan('admin', undefined, hoursAfter(T0, 3));
          return 'started' in start ? start : undefined;
        });

        expect(next.started.id).not.toBe(dead.id);
        // Had the old process survived after all, it can no longer write or complete.
        await expect(impatient.savePeople(dead.id, [fakeUser('b').entry])).rejects.toBeInstanceOf(ScanNotRunningError);
        await expect(impatient.completeScan(dead.id, hoursAfter(T0, 4), { rates: DEFAULT_RATE_POLICY })).rejects.toBeInstanceOf(
          ScanNotRunningError,
        );
      });

      it('fails a running scan with the reason, and leaves an ended one as it was', async () => {
        const run = await startNew(store);
        await store.failScan(run.id, hoursAfter(T0, 1), 'Graph said no');
        await store.failScan(run.id, hoursAfter(T0, 2), 'a later, second opinion');

        expect(await store.latestScan()).toEqual({ ...run, status: 'failed', finishedAt: hoursAfter(T0, 1), error: 'Graph said no' });
        await expect(store.saveRegistrations(run.id, [])).rejects.toBeInstanceOf(ScanNotRunningError);
      });

      it('tells how many enabled members a running scan listed and how many of them the report covered', async () => {
        const run = await startNew(store);
        await store.savePeople(
          run.id,
          MIXED_TENANT.map((user) => user.entry),
        );
        await store.saveRegistrations(run.id, [
          { ...MIXED_TENANT[0]!.registration!, strength: 'strong' },
          { ...MIXED_TENANT[6]!.registration!, strength: 'weak' },
          { ...fakeUser('left', { methods: ['sms'] }).registration!, strength: 'weak' },
        ]);

        // Six enabled members (not the guest, not the two disabled accounts); of them only u1 is in the report so far.
        expect(await store.reportCoverage(run.id)).toEqual({ enabledMembers: 6, covered: 1 });
        await store.failScan(run.id, hoursAfter(T0, 1), 'stopped');
        expect(await store.reportCoverage(run.id)).toEqual({ enabledMembers: 0, covered: 0 });
      });
    });

    describe('completing a scan', () => {
      const users = MIXED_TENANT;

      it('counts per strength, department and method in the snapshot, and marks the scan succeeded', async () => {
        const reportUpdatedAt = new Date('2025-06-01T00:30:00.000Z');

        const { run, snapshot } = await scan(store, users, { pageSize: 2, reportUpdatedAt, at: hoursAfter(T0, 1) });

        expect(snapshot).toEqual({
          scanId: run.id,
          takenAt: hoursAfter(T0, 1),
          reportUpdatedAt,
          // Admins: u2, u5 and the guest u7 (the disabled u9 cannot sign in); phone-only: u2 (the guest u7 is excluded).
          overall: { ...counts(2, 1, 2, 1, 2, 3), phoneOnly: 1, phishingResistant: 1, admins: 3, adminsPhishingResistant: 1 },
          byDepartment: {
            Sales: { ...counts(1, 0, 1, 1, 1, 1), phoneOnly: 1, admins: 1 },
            IT: { ...counts(1, 1, 0, 0, 1, 2), phishingResistant: 1, admins: 2, adminsPhishingResistant: 1 },
            '': counts(0, 0, 1, 0, 0, 0),
          },
          byMethod: { authenticatorPush: 1, sms: 2, softwareOath: 1, passkey: 1, fido2SecurityKey: 1, email: 1 },
        });
        expect(run).toEqual({
          id: run.id,
          trigger: 'schedule',
          startedAt: hoursAfter(T0, 1),
          finishedAt: hoursAfter(T0, 1),
          status: 'succeeded',
          users: 9,
          reportUpdatedAt,
        });
        expect(await store.latestScan()).toEqual(run);
        expect(await store.latestSnapshots(5)).toEqual([snapshot]);
      });

      it.each<[string, RatePolicy]>([
        ['the default rate policy', DEFAULT_RATE_POLICY],
        ['guests and disabled accounts included', { includeGuests: true, includeDisabled: true }],
        ['guests included only', { includeGuests: true, includeDisabled: false }],
      ])('judges and counts everyone as the domain rules do, under %s', async (_name, rates) => {
        const { snapshot } = await scan(store, users, { rates });

        const stored = await store.listUsers({ strengths: ALL, includeExcluded: true, offset: 0, limit: 100 });

        const expected = users.map((user) => expectedStatus(user, undefined, rates));
        expect(sortById(stored.users)).toEqual(sortById(expected));
        const tally = countPosture(expected);
        expect({ overall: snapshot.overall, byDepartment: snapshot.byDepartment, byMethod: snapshot.byMethod }).toEqual(tally);
      });

      it('counts who relies on SMS and voice alone, and who has phishing-resistant MFA, as the domain rules do', async () => {
        const methodSets: MethodKind[][] = [
          ['sms'],
          ['voice'],
          ['sms', 'voice', 'email'],
          ['sms', 'temporaryAccessPass', 'qrCodePin'],
          ['sms', 'softwareOath'],
          ['voice', 'externalAuth'],
          ['sms', 'unknownMethod'],
          ['email'],
          ['qrCodePin'],
          [],
          ['syncedPasskey', 'sms'],
          ['windowsHelloForBusiness'],
          ['certificate'],
          ['platformCredential'],
          ['authenticatorPasswordless'],
        ];
        const people = methodSets.map((methods, i) =>
          fakeUser(`p${i}`, { methods, isAdmin: i % 3 === 0, department: i % 2 === 0 ? 'Even' : 'Odd' }),
        );

        const { snapshot } = await scan(store, people);

        const tally = countPosture(people.map((user) => expectedStatus(user, undefined, DEFAULT_RATE_POLICY)));
        expect(snapshot.overall).toEqual(tally.overall);
        expect(snapshot.byDepartment).toEqual(tally.byDepartment);
        // Written out as well, so a rule broken in both places still fails: p0–p3 rely on phones alone; p10–p13 resist
        // phishing, of whom p12 is an admin, as are p0, p3, p6, p9.
        expect(snapshot.overall).toMatchObject({ phoneOnly: 4, phishingResistant: 4, admins: 5, adminsPhishingResistant: 1 });
      });

      it('keeps the last word for someone listed twice, in one page or across pages', async () => {
        const run = await startNew(store);
        await store.savePeople(run.id, [fakeUser('a', { department: 'Old' }).entry, fakeUser('a', { department: 'Sales' }).entry]);
        await store.savePeople(run.id, [fakeUser('b').entry]);
        await store.savePeople(run.id, [fakeUser('b', { displayName: 'Bea Renamed' }).entry]);
        const reg = (id: string, strength: 'weak' | 'strong') => ({ ...fakeUser(id, { methods: ['sms'] }).registration!, strength });
        await store.saveRegistrations(run.id, [reg('a', 'weak'), reg('a', 'strong')]);

        const { snapshot } = await store.completeScan(run.id, T0, { rates: DEFAULT_RATE_POLICY });

        const { users: stored } = await store.listUsers({ strengths: ALL, offset: 0, limit: 10 });
        expect(stored.map((user) => [user.id, user.displayName, user.department, user.strength])).toEqual([
          ['b', 'Bea Renamed', undefined, 'none'],
          ['a', 'User a', 'Sales', 'strong'],
        ]);
        // Phone-only is read from the methods (SMS here), whatever strength the caller judged.
        expect(snapshot.overall).toEqual({ ...counts(1, 0, 0, 1, 0, 0), phoneOnly: 1 });
      });

      it('lists only the admins when asked, of the strengths asked', async () => {
        await scan(store, [
          fakeUser('admin-sms', { isAdmin: true, methods: ['sms'] }),
          fakeUser('admin-strong', { isAdmin: true, methods: ['passkey'] }),
          fakeUser('user-sms', { methods: ['sms'] }),
        ]);
        const { users, total } = await store.listUsers({
          strengths: ['acceptable', 'weak', 'none'],
          adminsOnly: true,
          offset: 0,
          limit: 10,
        });
        expect([users.map((user) => user.id), total]).toEqual([['admin-sms'], 1]);
      });

      it('forgets people a later scan did not see, and updates those it saw again', async () => {
        await scan(store, [fakeUser('stay', { methods: ['sms'] }), fakeUser('leave', { methods: ['passkey'] })]);

        const { run, snapshot } = await scan(store, [fakeUser('stay', { methods: ['passkey'] }), fakeUser('new')], {
          at: hoursAfter(T0, 24),
        });

        const { users: stored } = await store.listUsers({ strengths: ALL, includeExcluded: true, offset: 0, limit: 10 });
        expect(stored.map((user) => [user.id, user.strength])).toEqual([
          ['new', 'none'],
          ['stay', 'strong'],
        ]);
        expect(await store.findUsers('leave@contoso.example', 5)).toEqual([]);
        expect(snapshot.overall).toMatchObject({ strong: 1, none: 1 });
        expect(run.users).toBe(2);
      });

      it('ignores report rows for people the directory walk did not list', async () => {
        const run = await startNew(store);
        await store.savePeople(run.id, [fakeUser('listed').entry]);
        await store.saveRegistrations(run.id, [{ ...fakeUser('unlisted', { methods: ['sms'] }).registration!, strength: 'weak' }]);

        const { snapshot } = await store.completeScan(run.id, T0, { rates: DEFAULT_RATE_POLICY });

        expect(snapshot.overall).toEqual(counts(0, 0, 0, 1, 0, 0));
      });

      it('leaves the current state and snapshots as they were when a scan fails half-way', async () => {
        await scan(store, users);
        const before = await store.listUsers({ strengths: ALL, includeExcluded: true, offset: 0, limit: 100 });
        const snapshotsBefore = await store.latestSnapshots(10);
        const run = await startNew(store, hoursAfter(T0, 24));
        await store.savePeople(run.id, [fakeUser('u1', { department: 'Moved' }).entry]);
        await store.saveRegistrations(run.id, [{ ...fakeUser('u1', { methods: [] }).registration!, strength: 'none' }]);

        await store.failScan(run.id, hoursAfter(T0, 25), 'The directory stopped answering');

        expect(await store.listUsers({ strengths: ALL, includeExcluded: true, offset: 0, limit: 100 })).toEqual(before);
        expect(await store.latestSnapshots(10)).toEqual(snapshotsBefore);
      });

      it('reads nothing of a running scan: its pages are invisible until it succeeds', async () => {
        await scan(store, users);
        const before = await store.listUsers({ strengths: ALL, includeExcluded: true, offset: 0, limit: 100 });
        const run = await startNew(store, hoursAfter(T0, 24));
        await store.savePeople(run.id, [fakeUser('newcomer').entry]);

        expect(await store.listUsers({ strengths: ALL, includeExcluded: true, offset: 0, limit: 100 })).toEqual(before);
        expect(await store.findUser('newcomer')).toBeUndefined();
      });

      it('saves 5,000 people page by page and completes quickly', async () => {
        const ROTATION: MethodKind[][] = [['authenticatorPush'], ['softwareOath'], ['sms'], []];
        const everyone = Array.from({ length: 5000 }, (_, i) =>
          fakeUser(`user-${String(i).padStart(5, '0')}`, {
            department: `Department ${i % 40}`,
            methods: ROTATION[i % 4]!,
            userType: i % 50 === 0 ? 'guest' : 'member',
          }),
        );
        const startedAt = Date.now();

        const { snapshot, run } = await scan(store, everyone, { pageSize: 999 });

        const elapsedMs = Date.now() - startedAt;
        // 1,250 of each strength, less the 100 guests (every 50th: half with push, half with SMS), who are excluded.
        expect(snapshot.overall).toEqual({ ...counts(1200, 1250, 1200, 1250, 0, 100), phoneOnly: 1200 });
        expect(Object.keys(snapshot.byDepartment)).toHaveLength(40);
        expect(run.users).toBe(5000);
        expect(elapsedMs).toBeLessThan(5_000);
      }, 30_000);
    });

    describe('reading users', () => {
      const people = [
        fakeUser('z1', { displayName: 'zoë Adams', department: 'Sales', methods: [] }),
        fakeUser('a2', { displayName: 'Anna Berg', department: 'sales', methods: ['sms'] }),
        fakeUser('a1', { displayName: 'anna berg', department: 'Sales', methods: [] }),
        fakeUser('b1', { displayName: 'Bob Stone', department: 'IT', methods: ['voice'], userPrincipalName: 'Bob.Stone@Contoso.example' }),
        fakeUser('c1', { displayName: 'Carl_Underscore', methods: [] }),
        fakeUser('c2', { displayName: 'Carla 100%', methods: ['passkey'] }),
        fakeUser('g1', { displayName: 'Guest Gail', department: 'Sales', userType: 'guest', methods: [] }),
        fakeUser('n1', { displayName: 'Nora Bobson', userPrincipalName: 'bob@contoso.example', methods: ['softwareOath'] }),
      ];

      beforeEach(async () => {
        await scan(store, people);
      });

      it('walks everyone of the current scan by key, in list order, guests included, page after page', async () => {
        const [latest] = await store.latestSnapshots(1);
        const walked: string[] = [];
        let after: UserCursor | undefined;
        for (let page = await store.usersOfScan(latest!.scanId, undefined, 3); page.length > 0;) {
          walked.push(...page.map((user) => user.id));
          const last = page.at(-1)!;
          after = { displayName: last.displayName, id: last.id };
          page = await store.usersOfScan(latest!.scanId, after, 3);
        }
        const listed = await store.listUsers({ strengths: ALL, includeExcluded: true, offset: 0, limit: 100 });
        // Two people named "anna berg" in different cases: the key holds the id too, so neither is skipped.
        expect(walked).toEqual(listed.users.map((user) => user.id));
        expect(walked).toHaveLength(people.length);
        expect((await store.usersOfScan(latest!.scanId, undefined, 100))[0]).toEqual(listed.users[0]);
      });

      it('walks no one of a scan a newer one has replaced', async () => {
        const [older] = await store.latestSnapshots(1);
        await scan(store, people.slice(0, 2), { at: hoursAfter(T0, 24) });

        expect(await store.usersOfScan(older!.scanId, undefined, 100)).toEqual([]);
      });

      it('lists users by display name (any case), then id, with the total', async () => {
        const all = await store.listUsers({ strengths: ALL, offset: 0, limit: 100 });

        expect(all.users.map((user) => user.id)).toEqual(['a1', 'a2', 'b1', 'c1', 'c2', 'n1', 'z1']);
        expect(all.total).toBe(7);
      });

      it('pages through the list with offset and limit, the total staying the same', async () => {
        const first = await store.listUsers({ strengths: ALL, offset: 0, limit: 3 });
        const second = await store.listUsers({ strengths: ALL, offset: 3, limit: 3 });
        const third = await store.listUsers({ strengths: ALL, offset: 6, limit: 3 });

        expect([first, second, third].map((page) => page.users.map((user) => user.id))).toEqual([
          ['a1', 'a2', 'b1'],
          ['c1', 'c2', 'n1'],
          ['z1'],
        ]);
        expect([first.total, second.total, third.total]).toEqual([7, 7, 7]);
      });

      it('lists those who rely on SMS and voice alone, whatever their strength, with the phone types Entra keeps', async () => {
        await scan(store, [
          fakeUser('p1', { displayName: 'Pia Office', methods: ['voice'], phoneTypes: ['office'] }),
          fakeUser('p2', { displayName: 'Paul Mobile', methods: ['sms', 'voice', 'email'], phoneTypes: ['mobile'] }),
          fakeUser('p3', { displayName: 'Quinn Both', methods: ['sms', 'authenticatorPush'], phoneTypes: ['mobile', 'office'] }),
          fakeUser('p4', { displayName: 'Rae Badge', methods: ['sms', 'qrCodePin'], phoneTypes: ['mobile'] }),
          fakeUser('p5', { displayName: 'Sam Nothing', methods: [] }),
          fakeUser('p6', { displayName: 'Tess Guest', methods: ['sms'], userType: 'guest', phoneTypes: ['mobile'] }),
        ]);

        const page = await store.listUsers({ strengths: ALL, phoneOnly: true, offset: 0, limit: 10 });

        expect(page.total).toBe(3);
        expect(page.users.map((user) => [user.displayName, user.phoneTypes])).toEqual([
          ['Paul Mobile', ['mobile']],
          ['Pia Office', ['office']],
          ['Rae Badge', ['mobile']],
        ]);
        expect((await store.findUser('p3'))?.phoneTypes).toEqual(['mobile', 'office']);
        expect(await store.findUser('p5')).not.toHaveProperty('phoneTypes');
        expect((await store.listUsers({ strengths: ['strong'], phoneOnly: true, offset: 0, limit: 10 })).total).toBe(0);
      });

      it('gives the total even past the last page', async () => {
        expect(await store.listUsers({ strengths: ['none'], offset: 50, limit: 10 })).toEqual({ users: [], total: 3 });
      });

      it('filters by strengths', async () => {
        const unenrolled = await store.listUsers({ strengths: ['none'], offset: 0, limit: 10 });
        const weak = await store.listUsers({ strengths: ['weak'], offset: 0, limit: 10 });
        const notStrong = await store.listUsers({ strengths: ['acceptable', 'weak', 'none'], offset: 0, limit: 10 });

        expect(unenrolled.users.map((user) => user.id)).toEqual(['a1', 'c1', 'z1']);
        expect(weak.users.map((user) => user.id)).toEqual(['a2', 'b1']);
        expect(notStrong.total).toBe(6);
        expect(await store.listUsers({ strengths: [], offset: 0, limit: 10 })).toEqual({ users: [], total: 0 });
      });

      it('filters by department in any case, and "" for people without one', async () => {
        const sales = await store.listUsers({ strengths: ALL, department: 'SALES', offset: 0, limit: 10 });
        const none = await store.listUsers({ strengths: ALL, department: '', offset: 0, limit: 10 });

        expect(sales.users.map((user) => user.id)).toEqual(['a1', 'a2', 'z1']);
        expect(none.users.map((user) => user.id)).toEqual(['c1', 'c2', 'n1']);
        expect((await store.listUsers({ strengths: ALL, department: 'Nowhere', offset: 0, limit: 10 })).total).toBe(0);
      });

      it('leaves guests and disabled accounts out unless asked', async () => {
        const withGuests = await store.listUsers({ strengths: ['none'], department: 'sales', includeExcluded: true, offset: 0, limit: 10 });

        expect(withGuests.users.map((user) => [user.id, user.countsInRates])).toEqual([
          ['a1', true],
          ['g1', false],
          ['z1', true],
        ]);
      });

      it('answers every field of a user', async () => {
        const [bob] = await store.findUsers('bob.stone@contoso.example', 1);

        expect(bob).toEqual({
          id: 'b1',
          userPrincipalName: 'Bob.Stone@Contoso.example',
          displayName: 'Bob Stone',
          userType: 'member',
          accountEnabled: true,
          isAdmin: false,
          isMfaCapable: true,
          isMfaRegistered: true,
          methods: ['voice'],
          department: 'IT',
          strength: 'weak',
          isCriticalAdmin: false,
          countsInRates: true,
        });
      });

      it('finds by UPN exactly in any case, but not by a UPN prefix', async () => {
        expect((await store.findUsers('BOB.STONE@CONTOSO.EXAMPLE', 5)).map((user) => user.id)).toEqual(['b1']);
        expect(await store.findUsers('bob.stone@contoso', 5)).toEqual([]);
      });

      it('finds by the start of the display name in any case, ordered by name', async () => {
        expect((await store.findUsers('ANNA', 5)).map((user) => user.id)).toEqual(['a1', 'a2']);
        expect((await store.findUsers('  zoË ', 5)).map((user) => user.id)).toEqual(['z1']);
        expect(await store.findUsers('Berg', 5)).toEqual([]);
      });

      it('puts a UPN match before display-name matches', async () => {
        // "bob@contoso.example" is Nora's UPN; nobody's name starts with it, but "Bob" alone matches Bob by name.
        expect((await store.findUsers('bob@contoso.example', 5)).map((user) => user.id)).toEqual(['n1']);
        expect((await store.findUsers('bob', 5)).map((user) => user.id)).toEqual(['b1']);
      });

      it('takes % and _ in a name literally', async () => {
        expect((await store.findUsers('Carl_', 5)).map((user) => user.id)).toEqual(['c1']);
        expect((await store.findUsers('Carla 100%', 5)).map((user) => user.id)).toEqual(['c2']);
        expect(await store.findUsers('%', 5)).toEqual([]);
        expect(await store.findUsers('C_rl', 5)).toEqual([]);
      });

      it('finds guests too (a lookup is about one person), up to the limit, and nothing for blank input', async () => {
        expect((await store.findUsers('guest', 5)).map((user) => user.id)).toEqual(['g1']);
        expect(await store.findUsers('a', 1)).toHaveLength(1);
        expect(await store.findUsers('   ', 5)).toEqual([]);
      });
    });

    describe('snapshots', () => {
      it('answers snapshot totals since a date oldest first, the latest ones newest first, with their departments', async () => {
        const days = [0, 1, 2, 3].map((day) => hoursAfter(T0, 24 * day));
        const taken = [];
        for (const [i, at] of days.entries()) {
          const users = Array.from({ length: 4 }, (_, j) => fakeUser(`u${j}`, { department: 'Sales', methods: j < i ? ['passkey'] : [] }));
          taken.push((await scan(store, users, { at })).snapshot);
        }

        expect((await store.snapshotTotals(days[1]!)).map((s) => [s.takenAt, s.overall.strong])).toEqual([
          [days[1], 1],
          [days[2], 2],
          [days[3], 3],
        ]);
        expect(await store.snapshotTotals(hoursAfter(T0, 1000))).toEqual([]);
        expect(await store.snapshotTotals(days[2]!)).toEqual(
          taken.slice(2).map(({ scanId, takenAt, overall }) => ({ scanId, takenAt, overall })),
        );
        expect(await store.latestSnapshots(2)).toEqual([taken[3], taken[2]]);
        expect((await store.latestSnapshots(1))[0]!.byDepartment).toEqual({
          Sales: { ...counts(3, 0, 0, 1, 0, 0), phishingResistant: 3 },
        });
      });

      it("keeps the directory's own totals with the snapshot when the scan read them", async () => {
        const totals = { totalUsers: 9, mfaCapable: 7, passwordlessCapable: 2, ssprRegistered: 5 };
        const users = [fakeUser('u1', { methods: ['passkey'] }), fakeUser('u2', { methods: [] })];
        const run = await startNew(store);
        await store.savePeople(
          run.id,
          users.map((user) => user.entry),
        );
        await store.completeScan(run.id, T0, { rates: DEFAULT_RATE_POLICY, directoryTotals: totals });
        await scan(store, users, { at: hoursAfter(T0, 24) });

        const [latest, first] = await store.latestSnapshots(2);
        expect(first!.directoryTotals).toEqual(totals);
        expect(latest!.directoryTotals).toBeUndefined();
      });

      it('answers nothing before the first completed scan', async () => {
        await startNew(store);

        expect(await store.latestSnapshots(1)).toEqual([]);
        expect(await store.snapshotTotals(new Date(0))).toEqual([]);
      });
    });
  });
}

function sortById<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
