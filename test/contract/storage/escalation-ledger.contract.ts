import type { CampaignRecords } from '../../../src/domain/ports/campaign-store';
import type { EscalationLedger } from '../../../src/domain/ports/escalation-ledger';
import { owner, plan, T0 } from './campaign-fixtures';

/** The ledger, and where the campaigns it speaks of are made. */
export type LedgerWithCampaigns = Pick<CampaignRecords, 'create'> & EscalationLedger;

/**
 * What every `EscalationLedger` promises: each person of a campaign claimed once however many claim at once,
 * a claim given back only while its card is being sent, and the counts of how the managers' cards went.
 * `makeStore` is called before each test.
 */
export function escalationLedgerContract(name: string, makeStore: () => Promise<LedgerWithCampaigns>): void {
  describe(`EscalationLedger on ${name}`, () => {
    let store: LedgerWithCampaigns;

    beforeEach(async () => (store = await makeStore()));

    it('escalates each person once per campaign, even when two instances claim at once; a release lets a later try claim again', async () => {
      const campaign = await store.create(plan(), owner, T0);
      const [x, y] = await Promise.all([
        store.claimEscalations(campaign.id, 'boss', ['ann', 'bob'], T0),
        store.claimEscalations(campaign.id, 'boss', ['ann', 'bob', 'cat'], T0),
      ]);
      expect([...x, ...y].sort()).toEqual(['ann', 'bob', 'cat']);
      expect(await store.escalated(campaign.id)).toEqual(new Set(['ann', 'bob', 'cat']));
      await store.settleEscalations(campaign.id, ['ann'], { status: 'sent' });
      await store.releaseEscalations(campaign.id, ['ann', 'bob']);
      // Only the claim still in flight goes back; a card that was sent stays sent.
      expect(await store.escalated(campaign.id)).toEqual(new Set(['ann', 'cat']));
      expect(await store.claimEscalations(campaign.id, 'boss', ['ann', 'bob'], T0)).toEqual(['bob']);
      const other = await store.create(plan(), owner, T0);
      expect(await store.claimEscalations(other.id, 'boss', ['ann'], T0)).toEqual(['ann']);
    });

    it('counts the managers told and their people, and the managers whose card failed, which is never given back', async () => {
      const campaign = await store.create(plan(), owner, T0);
      await store.claimEscalations(campaign.id, 'boss', ['ann', 'bob'], T0);
      await store.claimEscalations(campaign.id, 'other-boss', ['cat'], T0);
      await store.claimEscalations(campaign.id, 'third-boss', ['dan'], T0);
      await store.settleEscalations(campaign.id, ['ann', 'bob'], { status: 'sent' });
      await store.settleEscalations(campaign.id, ['cat'], { status: 'failed', reason: 'blocked' });
      // Dan's card is still on its way: counted neither as told nor as failed.
      expect(await store.escalationCounts(campaign.id)).toEqual({ managers: 1, people: 2, failedManagers: 1 });
      await store.releaseEscalations(campaign.id, ['cat', 'dan']);
      expect(await store.escalated(campaign.id)).toEqual(new Set(['ann', 'bob', 'cat']));
      expect(await store.escalationCounts((await store.create(plan(), owner, T0)).id)).toEqual({
        managers: 0,
        people: 0,
        failedManagers: 0,
      });
    });

    it('treats a forged campaign id as a campaign with no escalations', async () => {
      expect(await store.claimEscalations('forged', 'boss', ['ann'], T0)).toEqual([]);
      expect(await store.escalated('forged')).toEqual(new Set());
      expect(await store.escalationCounts("' OR 1=1 --")).toEqual({ managers: 0, people: 0, failedManagers: 0 });
    });
  });
}
