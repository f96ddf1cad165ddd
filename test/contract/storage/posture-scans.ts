import { classifyMethods } from '../../../src/domain/mfa/mfa-strength';
import { DEFAULT_RATE_POLICY, type RatePolicy } from '../../../src/domain/mfa/rate-policy';
import type { PostureStore, ScanRun } from '../../../src/domain/ports/posture-store';
import { fakeUser, type FakeUser } from '../../fakes/fake-user';

// Scans as the scan use case drives a posture store, for the suites of the posture store.

export const T0 = new Date('2025-06-01T02:00:00.000Z');
export const hoursAfter = (at: Date, hours: number) => new Date(at.getTime() + hours * 3_600_000);

/** A tenant with a bit of everything: departments, admins, a guest, disabled accounts, someone the report left out. */
export const MIXED_TENANT: readonly FakeUser[] = [
  fakeUser('u1', { department: 'Sales', methods: ['authenticatorPush', 'sms'] }),
  fakeUser('u2', { department: 'Sales', methods: ['sms'], isAdmin: true }),
  fakeUser('u3', { department: 'Sales', methods: [] }),
  fakeUser('u4', { department: 'IT', methods: ['softwareOath'] }),
  fakeUser('u5', { department: 'IT', methods: ['passkey', 'fido2SecurityKey'], isAdmin: true }),
  fakeUser('u6', { methods: ['email'] }),
  fakeUser('u7', { department: 'IT', userType: 'guest', isAdmin: true, methods: ['sms'] }),
  // Disabled, and left out of the report: kept as 'none', excluded from rates.
  fakeUser('u8', { department: 'Sales', accountEnabled: false, inReport: false }),
  // Disabled admin: cannot sign in, so not critical.
  fakeUser('u9', { department: 'IT', accountEnabled: false, isAdmin: true, methods: [] }),
];

function pages<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

export async function startNew(store: PostureStore, at = T0): Promise<ScanRun> {
  const start = await store.startScan('schedule', undefined, at);
  if (!('started' in start)) throw new Error(`expected a new scan, scan ${start.running.id} is running`);
  return start.started;
}

/** A whole scan as the use case drives it: people pages, classified registration pages, completion. */
export async function scan(
  store: PostureStore,
  users: readonly FakeUser[],
  options: { at?: Date; rates?: RatePolicy; pageSize?: number; reportUpdatedAt?: Date } = {},
) {
  const at = options.at ?? T0;
  const run = await startNew(store, at);
  for (const page of pages(
    users.map((user) => user.entry),
    options.pageSize ?? 999,
  ))
    await store.savePeople(run.id, page);
  const registrations = users.flatMap((user) => (user.registration ? [user.registration] : []));
  for (const page of pages(registrations, options.pageSize ?? 999)) {
    await store.saveRegistrations(
      run.id,
      page.map((registration) => ({ ...registration, strength: classifyMethods(registration.methods) })),
    );
  }
  return store.completeScan(run.id, at, {
    rates: options.rates ?? DEFAULT_RATE_POLICY,
    ...(options.reportUpdatedAt ? { reportUpdatedAt: options.reportUpdatedAt } : {}),
  });
}
