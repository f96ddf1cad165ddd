import { randomUUID } from 'node:crypto';
import type { Database } from '../../../src/adapters/storage/database';
import { LOCK_OWNER, SqlSmtpOwnerNudges } from '../../../src/adapters/storage/sql-smtp-owner-nudges';
import type { SmtpOwnerNudges, SmtpOwnerReservation } from '../../../src/domain/ports/smtp-owner-nudges';
import { migratedOnFirstUse, postgresServerTargets } from '../../support/test-database';
import { InMemorySmtpOwnerNudges } from '../../fakes/in-memory-smtp-owner-nudges';
import { onFakeAndDatabases } from './on-fake-and-databases';
import { smtpOwnerNudgesContract, type SmtpOwnerNudgesSubject } from './smtp-owner-nudges.contract';

onFakeAndDatabases<SmtpOwnerNudgesSubject>(smtpOwnerNudgesContract, {
  fake: () => {
    const store = new InMemorySmtpOwnerNudges();
    return { store, another: () => store };
  },
  sql: async (db) => {
    await db.exec('TRUNCATE smtp_owner_nudges CASCADE');
    return { store: new SqlSmtpOwnerNudges(db), another: () => new SqlSmtpOwnerNudges(db) };
  },
});

const T0 = new Date('2026-12-04T10:00:00Z');
const capOfOne: Parameters<SmtpOwnerNudges['reserve']>[2] = (sentAt) =>
  sentAt.length === 0 ? { kind: 'go' } : { kind: 'deferred', reason: 'frequencyCap', notBefore: new Date('2026-12-06T10:00:00Z') };
const request = (ownerId: string) => ({ ownerId, accountIds: ['smtp-printer'], source: 'admin' as const, now: T0 });

/** How many of this database's connections wait for an advisory lock. */
async function waitingForTheLock(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
  );
  return row!.n;
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Gave up waiting until ${what}`);
}

/**
 * Only a server has connections that really run at once (PGlite runs one transaction at a time): while one sender
 * holds an owner, the others to that owner wait at the lock (and then only one passes a cap of one), and a sender to
 * another owner goes straight through.
 */
describe.each(postgresServerTargets())('SqlSmtpOwnerNudges senders at once on $name', (target) => {
  const database = migratedOnFirstUse(target);

  it('holds senders to the same owner at the lock, and no one else', async () => {
    const db = await database();
    const [owner, other] = [randomUUID(), randomUUID()];
    const finished: SmtpOwnerReservation[] = [];
    let waiting: Promise<SmtpOwnerReservation[]> | undefined;

    await db.transaction(async (holder) => {
      await holder.query(LOCK_OWNER, [owner]);
      waiting = Promise.all(
        [new SqlSmtpOwnerNudges(db), new SqlSmtpOwnerNudges(db)].map(async (store) => {
          const result = await store.reserve(request(owner), new Date('2026-12-02T10:00:00Z'), capOfOne);
          finished.push(result);
          return result;
        }),
      );
      await until(async () => (await waitingForTheLock(db)) === 2, 'both senders to the held owner wait at the lock');

      // Raced against a deadline, so that a sender held up by the wrong owner's lock fails here rather than hangs.
      const elsewhere = await Promise.race([
        new SqlSmtpOwnerNudges(db).reserve(request(other), new Date('2026-12-02T10:00:00Z'), capOfOne),
        new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('held up by a sender to another owner')), 3000).unref()),
      ]);
      expect(elsewhere.kind).toBe('reserved');
      expect(finished).toEqual([]);
    });

    const results = await waiting!;
    expect(results.map((result) => result.kind).sort()).toEqual(['deferred', 'reserved']);
  });
});
