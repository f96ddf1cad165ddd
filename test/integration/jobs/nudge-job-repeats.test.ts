import type { Database } from '../../../src/adapters/storage/database';
import { SqlNudgeStore } from '../../../src/adapters/storage/sql-nudge-store';
import { NudgeJobs } from '../../../src/adapters/jobs/nudge-job';
import type { Job, JobEngine } from '../../../src/domain/ports/job-engine';
import type { DeliveryOutcome, NudgeMessenger } from '../../../src/domain/ports/nudge-delivery';
import type { StoredConversationReference } from '../../../src/domain/ports/conversation-reference-store';
import { DEFAULT_CLASSIFICATION_POLICY } from '../../../src/domain/mfa/mfa-strength';
import { DEFAULT_FREQUENCY_CAP } from '../../../src/domain/nudges/frequency-cap';
import { DEFAULT_SNOOZE_POLICY } from '../../../src/domain/nudges/snooze-policy';
import { sendNudge, type NudgeResult } from '../../../src/use-cases/send-nudge';
import { InMemoryDirectory } from '../../fakes/in-memory-directory';
import { fakeUser } from '../../fakes/fake-user';
import { databaseTargets } from '../../support/test-database';

const NOW = new Date('2026-12-07T10:00:00Z');
const ANY_TIME = { startHour: 0, endHour: 24, weekdays: [1, 2, 3, 4, 5, 6, 7] };

/** pg-boss's contract, as far as a queued nudge needs it: a handler that throws runs again, as the same job. */
class RetryingJobEngine {
  handler?: (job: Job<object>) => Promise<void>;
  async work(_name: string, handler: (job: Job<object>) => Promise<void>) {
    this.handler = handler as (job: Job<object>) => Promise<void>;
  }
  async send() {
    return 'queued';
  }
  async run(job: Job<object>, retries: number, beforeRetry: () => void = () => undefined): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.handler!(job);
        return attempt;
      } catch (error) {
        if (attempt >= retries) throw error;
        beforeRetry();
      }
    }
  }
}

/**
 * Issue 15, item 5: a snooze reminder (a queued nudge) whose card Teams took while the database failed to record
 * it used to be sent again by the job's retry. The job's id now keys its nudge: a retry finds it, marked as on its
 * way, and records it as uncertain instead of sending a second card.
 */
describe.each(databaseTargets())('a queued nudge retried after its card left, on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.openMigrated();
  });
  afterAll(() => db.close());

  function harness(userId: string, outcome: () => DeliveryOutcome) {
    const store = new SqlNudgeStore(db);
    let failuresLeft = 0;
    const flakyStore = Object.assign(Object.create(store) as SqlNudgeStore, {
      recordDelivery: async (...args: Parameters<SqlNudgeStore['recordDelivery']>) => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('Connection terminated unexpectedly');
        }
        return store.recordDelivery(...args);
      },
    });
    const reference = { conversationId: `a:${userId}`, userAadObjectId: userId, reference: {} } as unknown as StoredConversationReference;
    const cards: string[] = [];
    const messenger: NudgeMessenger = {
      openPersonalChat: async () => ({ kind: 'opened', reference }),
      send: async (_reference, _card, beforeRequest) => {
        if (beforeRequest && !(await beforeRequest())) return { kind: 'failed', reason: 'stopped before sending', transient: true };
        cards.push(userId);
        return outcome();
      },
      sendManagerSummary: async () => ({ kind: 'failed', reason: 'not used' }),
      sendSmtpOwnerCard: async () => ({ kind: 'failed', reason: 'not used' }),
    };
    const directory = new InMemoryDirectory([fakeUser(userId, { methods: ['sms'] })]);
    const results: NudgeResult[] = [];
    const send = async (request: Parameters<typeof sendNudge>[1]) => {
      const result = await sendNudge(
        {
          directory,
          store: flakyStore,
          references: { findPersonalByUser: async () => reference, save: async () => undefined },
          installer: { installFor: async () => ({ kind: 'alreadyInstalled' }) },
          messenger,
          policy: DEFAULT_CLASSIFICATION_POLICY,
          nudges: { sendingHours: ANY_TIME, defaultTimeZone: 'UTC', cap: DEFAULT_FREQUENCY_CAP, snooze: DEFAULT_SNOOZE_POLICY },
          now: () => NOW,
          recordRetryWaitsMs: [1, 1],
        },
        request,
      );
      results.push(result);
      return result;
    };
    const engine = new RetryingJobEngine();
    const jobs = new NudgeJobs(engine as unknown as JobEngine, send, { info: () => undefined, warn: () => undefined }, () => NOW);
    return {
      jobs,
      engine,
      cards,
      results,
      store,
      setDown: (value: boolean) => {
        failuresLeft = value ? Infinity : 0;
      },
      failTimes: (n: number) => {
        failuresLeft = n;
      },
    };
  }
  const sentOutcome = (userId: string) => (): DeliveryOutcome => ({ kind: 'sent', conversationId: `a:${userId}`, activityId: '1' });

  it('sends the card once, and records the retry as uncertain', async () => {
    const { jobs, engine, cards, results, store, setDown } = harness('reminded-1', sentOutcome('reminded-1'));
    await jobs.register();
    // The database is down for longer than the sender's own retries of the write: the job fails, and is retried.
    setDown(true);
    expect(
      await engine.run({ id: 'job-1', name: 'nudge-send', data: { userId: 'reminded-1', source: 'reminder' } }, 3, () => setDown(false)),
    ).toBe(1);
    expect(cards).toEqual(['reminded-1']);
    expect(results.map((result) => result.kind)).toEqual(['uncertain']);
    const nudges = await db.query<{ id: string; status: string; sent_at: unknown }>(
      `SELECT id, status, sent_at FROM nudges WHERE user_id = 'reminded-1'`,
    );
    expect(nudges).toHaveLength(1);
    expect(nudges[0]).toMatchObject({ status: 'uncertain' });
    // It counts towards the cap like a sent one: the person may have it.
    expect(nudges[0]!.sent_at).not.toBeNull();
    expect((await store.find(nudges[0]!.id))?.nudge.status).toBe('uncertain');
  });

  it('sends again when the earlier attempt stopped before its card left (nothing to duplicate)', async () => {
    const { jobs, engine, cards, results } = harness('reminded-2', sentOutcome('reminded-2'));
    await jobs.register();
    // The first attempt's reservation was made, then it stopped before the mark (as a crash would).
    const store = new SqlNudgeStore(db);
    const left = await store.reserve(
      {
        userId: 'reminded-2',
        source: 'reminder',
        now: NOW,
        recipientName: 'User reminded-2',
        greetingName: 'User',
        strength: 'weak',
        methods: ['sms'],
        requestKey: 'nudge-job:job-2',
      },
      new Date(NOW.getTime() - 2 * 86_400_000),
      () => ({ kind: 'go' }),
    );
    expect(left.kind).toBe('reserved');
    await engine.run({ id: 'job-2', name: 'nudge-send', data: { userId: 'reminded-2', source: 'reminder' } }, 0);
    expect(cards).toEqual(['reminded-2']);
    expect(results.map((result) => result.kind)).toEqual(['sent']);
    const statuses = await db.query<{ status: string }>(`SELECT status FROM nudges WHERE user_id = 'reminded-2' ORDER BY created_at, id`);
    expect(statuses.map((row) => row.status).sort()).toEqual(['failed', 'sent']);
  });

  it('rides out a short blip of the database while recording: sent, recorded once', async () => {
    const { jobs, engine, cards, results, failTimes } = harness('reminded-4', sentOutcome('reminded-4'));
    await jobs.register();
    failTimes(2);
    await engine.run({ id: 'job-4', name: 'nudge-send', data: { userId: 'reminded-4', source: 'reminder' } }, 0);
    expect(cards).toHaveLength(1);
    expect(results.map((result) => result.kind)).toEqual(['sent']);
    const [row] = await db.query<{ status: string }>(`SELECT status FROM nudges WHERE user_id = 'reminded-4'`);
    expect(row).toMatchObject({ status: 'sent' });
  });

  it('records an unconfirmed card as uncertain, counting towards the cap', async () => {
    const { jobs, engine, cards, results } = harness('reminded-3', () => ({ kind: 'uncertain', reason: 'Bot Connector answered 504' }));
    await jobs.register();
    await engine.run({ id: 'job-3', name: 'nudge-send', data: { userId: 'reminded-3', source: 'reminder' } }, 0);
    expect(cards).toHaveLength(1);
    expect(results.map((result) => result.kind)).toEqual(['uncertain']);
    const [row] = await db.query<{ status: string; sent_at: unknown }>(`SELECT status, sent_at FROM nudges WHERE user_id = 'reminded-3'`);
    expect(row).toMatchObject({ status: 'uncertain' });
    expect(row!.sent_at).not.toBeNull();
  });
});
