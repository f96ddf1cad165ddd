import type { Database } from '../../../src/adapters/storage/database';
import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import { SqlNudgeStore } from '../../../src/adapters/storage/sql-nudge-store';
import type { CampaignStore } from '../../../src/domain/ports/campaign-store';
import { eventually } from '../../support/eventually';
import { databaseTargets } from '../../support/test-database';
import { emptiedCampaignDatabase } from './campaign-databases';
import { runWith } from './campaign-fixtures';
import { deliveryQueueContract } from './delivery-queue.contract';

// What only the SQL campaign store can show: the delivery queue's leases (no fake keeps them: see
// delivery-queue.contract.ts), on the callers' clock and on the database's own, and the one object its five
// concerns are joined into. The campaigns, runs and escalations are held to their contracts in
// campaign-records.test.ts, campaign-runs.test.ts and escalation-ledger.test.ts, with their fakes; the reports in
// campaign-headlines.test.ts.

/** Every method of the five concerns (CampaignRecords, CampaignRuns, DeliveryQueue, CampaignReports, EscalationLedger). */
const METHODS = [
  ['create', 'get', 'find', 'list', 'listActive', 'setProblem', 'setStatus'],
  ['startRun', 'addDeliveries', 'finishRunIfDone', 'finishSettledRuns', 'runs', 'deliveryCounts'],
  ['claimDue', 'complete', 'markSendStarted', 'reclaimExpired', 'sentCounts'],
  ['deliveryFacts', 'deliveryFactsPage', 'deliveryFactsOfPeople', 'deliveryCount', 'headlines'],
  ['escalationCounts', 'escalated', 'claimEscalations', 'releaseEscalations', 'settleEscalations'],
].flat();

for (const target of databaseTargets()) {
  const database = emptiedCampaignDatabase(target);

  deliveryQueueContract(target.name, async () => {
    const db = await database();
    return { store: sqlCampaignStore(db, { leaseClock: 'caller' }), nudges: new SqlNudgeStore(db) };
  });

  describe(`SqlCampaignStore on ${target.name}`, () => {
    let db: Database;
    let store: CampaignStore;

    beforeEach(async () => {
      db = await database();
      store = sqlCampaignStore(db, { leaseClock: 'caller' });
    });

    it('answers every method of its five concerns', () => {
      expect(METHODS.filter((method) => typeof (store as unknown as Record<string, unknown>)[method] !== 'function')).toEqual([]);
    });

    // Issue 15, item 6: leases used each instance's own clock, so one running 2 minutes fast took back a claim that
    // another was still sending (the card went, was recorded uncertain, and the person could pass the campaign's cap).
    it("runs leases on the database's clock: an instance whose clock is 2 minutes fast takes back no live claim", async () => {
      const onDatabaseClock = sqlCampaignStore(db);
      const realNow = new Date();
      const { run } = await runWith(store, 1, new Date(realNow.getTime() - 60_000));
      const [claimed] = (await onDatabaseClock.claimDue(realNow, 1000, 'honest', new Date(realNow.getTime() + 60_000))).filter(
        (d) => d.runId === run.id,
      );
      expect(claimed).toBeDefined();
      const fast = new Date(realNow.getTime() + 2 * 60_000);
      // The fast instance finds nothing expired, and cannot mark or claim the delivery...
      await onDatabaseClock.reclaimExpired(fast);
      expect(await onDatabaseClock.deliveryCounts(run.id)).toMatchObject({ sending: 1, pending: 0, uncertain: 0 });
      expect(
        (await onDatabaseClock.claimDue(fast, 1000, 'fast', new Date(fast.getTime() + 60_000))).filter((d) => d.runId === run.id),
      ).toEqual([]);
      // ...and the claim's holder can still mark it, whatever time its own clock says.
      expect(await onDatabaseClock.markSendStarted(claimed!.id, 'honest', new Date(realNow.getTime() + 3 * 60_000))).toBe(true);
      // The same with callers' clocks (the old behaviour) would have handed the live claim back.
      const onCallersClock = store;
      await onCallersClock.reclaimExpired(fast);
      expect(await onCallersClock.deliveryCounts(run.id)).toMatchObject({ sending: 0, uncertain: 1 });
    });

    it("gives a claim back once its lease ran out on the database's clock", async () => {
      const onDatabaseClock = sqlCampaignStore(db);
      const realNow = new Date();
      const { run } = await runWith(store, 1, new Date(realNow.getTime() - 60_000));
      await onDatabaseClock.claimDue(realNow, 1000, 'short', new Date(realNow.getTime() + 200));
      await eventually(
        'the lease ran out on the database clock and the claim came back',
        async () => {
          await onDatabaseClock.reclaimExpired(new Date());
          return (await onDatabaseClock.deliveryCounts(run.id)).pending > 0;
        },
        { timeoutMs: 5000 },
      );
      expect(await onDatabaseClock.deliveryCounts(run.id)).toMatchObject({ pending: 1, sending: 0 });
    });
  });
}
