import type { MethodKind } from '../../../src/domain/mfa/method-kind';
import { DEFAULT_CLASSIFICATION_POLICY } from '../../../src/domain/mfa/mfa-strength';
import { DEFAULT_RATE_POLICY } from '../../../src/domain/mfa/rate-policy';
import { readDepartmentRanking } from '../../../src/use-cases/read-department-ranking';
import { readPosture } from '../../../src/use-cases/read-posture';
import { readPostureTrend } from '../../../src/use-cases/read-posture-trend';
import { scanTenant } from '../../../src/use-cases/scan-tenant';
import { fakeUser, type FakeUser } from '../../fakes/fake-user';
import { InMemoryDirectory } from '../../fakes/in-memory-directory';
import { InMemoryPostureStore } from '../../fakes/in-memory-posture-store';

const T0 = new Date('2025-06-01T02:00:00.000Z');
const daysAfter = (days: number) => new Date(T0.getTime() + days * 86_400_000);

/** `count` people of a department, the first `strong` of them with Authenticator, the rest with `others`. */
function department(name: string, count: number, strong: number, others: MethodKind[] = []): FakeUser[] {
  return Array.from({ length: count }, (_, i) =>
    fakeUser(`${name}-${i}`, { department: name, methods: i < strong ? ['authenticatorPush'] : others }),
  );
}

/** Twenty points more people with strong MFA than at T0, taken from those with weak MFA only. */
const TWENTY_POINTS_STRONGER = {
  strongPoints: 20,
  anyMfaPoints: 0,
  weakOnlyPoints: -20,
  withNothing: 0,
  criticalAdmins: 0,
  counted: 0,
  phishingResistantPoints: 0,
  previousTakenAt: T0,
};
/** Nobody in these tenants has a phishing-resistant method or an admin role. */
const NO_RESISTANCE = { phishingResistant: 0, phishingResistantPercent: 0, admins: 0, adminsPhishingResistant: 0 };
const NO_RESISTANT_COUNTS = { phishingResistant: 0, admins: 0, adminsPhishingResistant: 0 };

describe('posture reads', () => {
  let store: InMemoryPostureStore;

  async function scanAt(at: Date, users: FakeUser[]) {
    const outcome = await scanTenant(
      { directory: new InMemoryDirectory(users), store, policy: DEFAULT_CLASSIFICATION_POLICY, rates: DEFAULT_RATE_POLICY, now: () => at },
      'schedule',
    );
    if (outcome.kind !== 'completed') throw new Error(`scan did not complete: ${outcome.kind}`);
    return outcome;
  }

  beforeEach(() => {
    store = new InMemoryPostureStore();
  });

  describe('readPosture', () => {
    it('says there is no scan yet, and whether one is running', async () => {
      expect(await readPosture({ store })).toEqual({ kind: 'noScanYet' });

      const start = await store.startScan('admin', 'admin-1', T0);

      expect(await readPosture({ store })).toEqual({ kind: 'noScanYet', latestScan: 'started' in start ? start.started : undefined });
    });

    it("summarizes the tenant with the change since the previous scan and the data's freshness", async () => {
      await scanAt(T0, [...department('Sales', 10, 2, ['sms']), ...department('IT', 10, 5)]);
      await scanAt(daysAfter(1), [...department('Sales', 10, 6, ['sms']), ...department('IT', 10, 5)]);

      expect(await readPosture({ store })).toEqual({
        kind: 'summary',
        figures: {
          ...{ counted: 20, excluded: 0, strongPercent: 55, anyMfaPercent: 75, weakOnlyPercent: 20, withNothing: 5, criticalAdmins: 0 },
          ...{ phoneOnly: 4, ...NO_RESISTANCE },
        },
        counts: { strong: 11, acceptable: 0, weak: 4, none: 5, criticalAdmins: 0, excluded: 0, phoneOnly: 4, ...NO_RESISTANT_COUNTS },
        // Four of the eight on SMS alone moved to Authenticator.
        change: { ...TWENTY_POINTS_STRONGER, phoneOnly: -4 },
        byMethod: { authenticatorPush: 11, sms: 4 },
        freshness: { takenAt: daysAfter(1) },
      });
    });

    it('has no change on the first scan, and names a later scan that failed', async () => {
      await scanAt(T0, department('Sales', 10, 2));
      const failed = await store.startScan('admin', undefined, daysAfter(1));
      if (!('started' in failed)) throw new Error('expected a new scan');
      await store.failScan(failed.started.id, daysAfter(1), 'broken');

      const summary = await readPosture({ store });

      expect(summary).toMatchObject({
        kind: 'summary',
        freshness: { takenAt: T0, latestScan: { id: failed.started.id, status: 'failed' } },
      });
      expect(summary.kind === 'summary' && 'change' in summary).toBe(false);
    });

    it("gives one department's summary, matched in any case and spelled as the directory does", async () => {
      await scanAt(T0, [...department('Sales', 10, 2, ['sms']), ...department('IT', 10, 5)]);
      await scanAt(daysAfter(1), [...department('Sales', 10, 4, ['sms']), ...department('IT', 10, 5)]);

      expect(await readPosture({ store }, '  sALES ')).toEqual({
        kind: 'summary',
        department: 'Sales',
        figures: {
          counted: 10,
          excluded: 0,
          strongPercent: 40,
          anyMfaPercent: 100,
          weakOnlyPercent: 60,
          withNothing: 0,
          criticalAdmins: 0,
          phoneOnly: 6,
          ...NO_RESISTANCE,
        },
        counts: { strong: 4, acceptable: 0, weak: 6, none: 0, criticalAdmins: 0, excluded: 0, phoneOnly: 6, ...NO_RESISTANT_COUNTS },
        change: { ...TWENTY_POINTS_STRONGER, phoneOnly: -2 },
        freshness: { takenAt: daysAfter(1) },
      });
    });

    it('says which departments exist when asked about an unknown one', async () => {
      await scanAt(T0, [...department('Sales', 5, 1), ...department('IT', 5, 1), fakeUser('x')]);

      expect(await readPosture({ store }, 'Marketing')).toEqual({
        kind: 'unknownDepartment',
        department: 'Marketing',
        knownDepartments: ['IT', 'Sales'],
      });
    });

    it('does not show a department smaller than the minimum size', async () => {
      await scanAt(T0, [...department('Sales', 10, 2), ...department('Board', 3, 0)]);

      expect(await readPosture({ store }, 'board')).toEqual({ kind: 'departmentTooSmall', department: 'Board', minimumSize: 5 });
      expect((await readPosture({ store, minimumDepartmentSize: 3 }, 'board')).kind).toBe('summary');
    });
  });

  describe('readDepartmentRanking', () => {
    it('ranks the latest scan’s departments, small ones merged into "Other"', async () => {
      await scanAt(T0, [
        ...department('Sales', 10, 2),
        ...department('IT', 8, 6),
        ...department('Legal', 3, 0),
        ...department('Board', 2, 2),
      ]);

      const answer = await readDepartmentRanking({ store });

      if (answer.kind !== 'ranking') throw new Error('expected a ranking');
      expect(answer.ranking.rows.map((row) => [row.kind, row.name, row.gapPercent, row.figures.counted])).toEqual([
        ['department', 'Sales', 80, 10],
        ['department', 'IT', 25, 8],
        ['other', 'Other', 60, 5],
      ]);
      expect([answer.minimumSize, answer.takenAt]).toEqual([5, T0]);
    });

    it('says there is no scan yet', async () => {
      expect(await readDepartmentRanking({ store })).toEqual({ kind: 'noScanYet' });
    });
  });

  describe('readPostureTrend', () => {
    it('gives % strong per scan within the last N days, oldest first', async () => {
      for (const [day, strong] of [
        [0, 1],
        [10, 2],
        [20, 3],
        [25, 4],
      ] as const)
        await scanAt(daysAfter(day), department('Sales', 5, strong));

      const answer = await readPostureTrend({ store, now: () => daysAfter(26) }, 16);

      expect(answer).toEqual({
        kind: 'trend',
        days: 16,
        since: daysAfter(10),
        points: [
          { at: daysAfter(10), strongPercent: 40, counted: 5 },
          { at: daysAfter(20), strongPercent: 60, counted: 5 },
          { at: daysAfter(25), strongPercent: 80, counted: 5 },
        ],
      });
    });

    it('refuses a number of days that is not a whole number from 1 to 366', async () => {
      for (const days of [0, -3, 1.5, 367, Number.NaN]) {
        expect(await readPostureTrend({ store, now: () => T0 }, days)).toEqual({ kind: 'invalidDays', maxDays: 366 });
      }
      expect(await readPostureTrend({ store, now: () => T0 })).toMatchObject({ kind: 'trend', days: 30, points: [] });
    });
  });
});
