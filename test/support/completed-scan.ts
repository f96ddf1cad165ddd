import { classifyMethods } from '../../src/domain/mfa/mfa-strength';
import { DEFAULT_RATE_POLICY } from '../../src/domain/mfa/rate-policy';
import type { PostureStore } from '../../src/domain/ports/posture-store';
import type { FakeUser } from '../fakes/fake-user';

/** A scan that read these people and their registrations (classified by the default policy), completed at `at`. */
export async function completedScanOf(
  posture: Pick<PostureStore, 'startScan' | 'savePeople' | 'saveRegistrations' | 'completeScan'>,
  people: readonly FakeUser[],
  at: Date,
): Promise<void> {
  const start = await posture.startScan('schedule', undefined, at);
  if (!('started' in start)) throw new Error('a scan is running');
  await posture.savePeople(
    start.started.id,
    people.map((person) => person.entry),
  );
  await posture.saveRegistrations(
    start.started.id,
    people.flatMap((person) =>
      person.registration ? [{ ...person.registration, strength: classifyMethods(person.registration.methods) }] : [],
    ),
  );
  await posture.completeScan(start.started.id, at, { rates: DEFAULT_RATE_POLICY });
}
