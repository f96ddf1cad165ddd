import { postureFigures } from '../../../src/domain/mfa/posture-figures';
import type { PostureCounts, PostureSnapshot } from '../../../src/domain/mfa/posture-counts';
import { alertsAfterScan, type AlertDeps } from '../../../src/use-cases/alert-admins';
import type { ScanOutcome } from '../../../src/use-cases/scan-tenant';
import { fakeUser, type FakeUser } from '../../fakes/fake-user';
import { InMemoryAlertLedger } from '../../fakes/in-memory-alert-ledger';
import { InMemoryPostureStore } from '../../fakes/in-memory-posture-store';
import { completedScanOf } from '../../support/completed-scan';

const NOW = new Date('2026-12-07T03:30:00Z');
const run = (id: string) => ({ id, trigger: 'schedule' as const, startedAt: NOW, status: 'succeeded' as const });

function counts(strong: number, none: number): PostureCounts {
  return { strong, acceptable: 0, weak: 0, none, criticalAdmins: 0, excluded: 0 } as PostureCounts;
}
function snapshot(scanId: string, strong: number, none: number): PostureSnapshot {
  return { scanId, takenAt: NOW, overall: counts(strong, none), byDepartment: {}, byMethod: {} };
}
const completed = (scanId: string, now: PostureSnapshot, previous?: PostureSnapshot): ScanOutcome =>
  ({ kind: 'completed', run: run(scanId), snapshot: now, ...(previous ? { previous } : {}), stats: {} }) as unknown as ScanOutcome;
const failed = (scanId: string): ScanOutcome => ({
  kind: 'failed',
  run: { ...run(scanId), status: 'failed' },
  error: 'Graph answered 403',
});

const strongAdmin = (id: string) => fakeUser(id, { isAdmin: true, methods: ['authenticatorPush'], displayName: `Admin ${id}` });
const smsAdmin = (id: string) => fakeUser(id, { isAdmin: true, methods: ['sms'], displayName: `Admin ${id}` });

describe('the alerts after a scan', () => {
  let store: InMemoryPostureStore;
  let ledger: InMemoryAlertLedger;
  let deps: AlertDeps;
  const scanOf = async (people: FakeUser[], id: string) => {
    await completedScanOf(store, people, NOW);
    return completed(id, snapshot(id, 10, 0));
  };

  beforeEach(() => {
    store = new InMemoryPostureStore();
    ledger = new InMemoryAlertLedger();
    deps = { store, ledger, now: () => NOW, strongDropPoints: 5 };
  });

  it('learns at the first check who is already without strong MFA, then tells each admin who loses it, once', async () => {
    expect(await alertsAfterScan(deps, await scanOf([strongAdmin('a'), smsAdmin('b'), fakeUser('c')], '1'))).toEqual([]);

    const alerts = await alertsAfterScan(deps, await scanOf([smsAdmin('a'), smsAdmin('b'), fakeUser('c')], '2'));
    expect(alerts).toEqual([
      {
        kind: 'adminWithoutStrong',
        admins: [{ id: 'a', displayName: 'Admin a', userPrincipalName: 'a@contoso.example', strength: 'weak' }],
      },
    ]);
    // Still without it at the next scan: the same event, not told again.
    expect(await alertsAfterScan(deps, await scanOf([smsAdmin('a'), smsAdmin('b')], '3'))).toEqual([]);
    // Strong again, then lost again: a new event.
    expect(await alertsAfterScan(deps, await scanOf([strongAdmin('a'), smsAdmin('b')], '4'))).toEqual([]);
    expect(await alertsAfterScan(deps, await scanOf([fakeUser('a', { isAdmin: true }), smsAdmin('b')], '5'))).toEqual([
      {
        kind: 'adminWithoutStrong',
        admins: [{ id: 'a', displayName: 'User a', userPrincipalName: 'a@contoso.example', strength: 'none' }],
      },
    ]);
  });

  it('tells a fall of more than the set points in the share with strong MFA, once per scan, and not a fall of exactly that', async () => {
    await alertsAfterScan(deps, await scanOf([], 'baseline'));
    const before = snapshot('1', 90, 10);
    const dropped = await alertsAfterScan(deps, completed('2', snapshot('2', 84, 16), before));
    expect(dropped).toEqual([{ kind: 'strongDropped', fromPercent: 90, toPercent: 84, previousTakenAt: NOW, takenAt: NOW }]);
    expect(await alertsAfterScan(deps, completed('2', snapshot('2', 84, 16), before))).toEqual([]);
    expect(postureFigures(counts(85, 15)).strongPercent).toBe(85);
    expect(await alertsAfterScan(deps, completed('3', snapshot('3', 85, 15), before))).toEqual([]);
  });

  it('tells the second scan failure in a row, not the third, and again after a success and two more', async () => {
    expect(await alertsAfterScan(deps, failed('1'))).toEqual([]);
    expect(await alertsAfterScan(deps, failed('2'))).toEqual([{ kind: 'scanFailedTwice', error: 'Graph answered 403', at: NOW }]);
    expect(await alertsAfterScan(deps, failed('3'))).toEqual([]);
    await alertsAfterScan(deps, await scanOf([], '4'));
    expect(await alertsAfterScan(deps, failed('5'))).toEqual([]);
    expect(await alertsAfterScan(deps, failed('6'))).toHaveLength(1);
  });
});
