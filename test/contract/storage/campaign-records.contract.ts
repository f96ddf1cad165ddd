import type { CampaignRecords } from '../../../src/domain/ports/campaign-store';
import { minutes, owner, plan, T0 } from './campaign-fixtures';

/**
 * What every `CampaignRecords` promises: the plan kept as created, numbers people can type, status changed only
 * from the states allowed, and a problem recorded once. `makeStore` is called before each test.
 */
export function campaignRecordsContract(name: string, makeStore: () => Promise<CampaignRecords>): void {
  describe(`CampaignRecords on ${name}`, () => {
    let store: CampaignRecords;

    beforeEach(async () => (store = await makeStore()));

    it('keeps the plan as created, finds it by id, lists the newest first, and treats a forged id as not found', async () => {
      const first = await store.create(plan('First'), owner, minutes(-10));
      const second = await store.create(plan('Second'), owner, minutes(-5));
      expect(await store.get(first.id)).toEqual({
        ...plan('First'),
        id: first.id,
        number: first.number,
        ownerId: 'manager-1',
        ownerName: 'Megan Bowen',
        status: 'active',
        createdAt: minutes(-10),
      });
      const listed = (await store.list(1000)).map((campaign) => campaign.id);
      expect(listed.indexOf(second.id)).toBeLessThan(listed.indexOf(first.id));
      for (const forged of ['not-a-uuid', "' OR 1=1 --", '00000000-0000-0000-0000-000000000000'])
        expect(await store.get(forged)).toBeUndefined();
    });

    it('numbers campaigns one after another and finds one by its number, "#number" or id, as typed', async () => {
      const a = await store.create(plan('A'), owner, T0);
      const b = await store.create(plan('B'), owner, T0);
      expect(b.number).toBe(a.number + 1);
      expect((await store.find(String(b.number)))?.id).toBe(b.id);
      expect((await store.find(` #${a.number} `))?.id).toBe(a.id);
      expect((await store.find(b.id.toUpperCase()))?.id).toBe(b.id);
      for (const forged of ['999999', '1 OR 1=1', '-1', '', 'campaign']) expect(await store.find(forged)).toBeUndefined();
    });

    it('lists as many as asked, and the active campaigns oldest first, without the paused or cancelled', async () => {
      const older = await store.create(plan('Older'), owner, minutes(-20));
      const paused = await store.create(plan('Paused'), owner, minutes(-15));
      const newer = await store.create(plan('Newer'), owner, minutes(-10));
      const cancelled = await store.create(plan('Cancelled'), owner, minutes(-5));
      await store.setStatus(paused.id, 'paused', ['active'], T0);
      await store.setStatus(cancelled.id, 'cancelled', ['active'], T0);
      const ours = [older.id, paused.id, newer.id, cancelled.id];
      expect((await store.listActive()).map((campaign) => campaign.id).filter((id) => ours.includes(id))).toEqual([older.id, newer.id]);
      expect(await store.list(2)).toHaveLength(2);
    });

    it('changes status only from the states allowed, and says when it did not', async () => {
      const campaign = await store.create(plan(), owner, T0);
      expect(await store.setStatus(campaign.id, 'paused', ['active'], minutes(1))).toEqual({
        campaign: expect.objectContaining({ status: 'paused' }),
        changed: true,
      });
      expect(await store.setStatus(campaign.id, 'paused', ['active'], minutes(2))).toEqual({
        campaign: expect.objectContaining({ status: 'paused' }),
        changed: false,
      });
      expect(await store.setStatus(campaign.id, 'active', ['paused'], minutes(3))).toEqual({
        campaign: expect.objectContaining({ status: 'active' }),
        changed: true,
      });
      expect(await store.setStatus('forged', 'cancelled', ['active'], minutes(4))).toBeUndefined();
    });

    it('records a problem once: only a different one, or its clearing, changes what was recorded', async () => {
      const campaign = await store.create(plan(), owner, T0);
      expect(await store.setProblem(campaign.id, 'Its group is gone', minutes(1))).toBe(true);
      expect(await store.setProblem(campaign.id, 'Its group is gone', minutes(2))).toBe(false);
      expect((await store.get(campaign.id))?.problem).toEqual({ text: 'Its group is gone', at: minutes(1) });
      expect(await store.setProblem(campaign.id, 'No scan yet', minutes(3))).toBe(true);
      expect((await store.find(String(campaign.number)))?.problem).toEqual({ text: 'No scan yet', at: minutes(3) });
      expect(await store.setProblem(campaign.id, undefined, minutes(4))).toBe(true);
      expect(await store.setProblem(campaign.id, undefined, minutes(5))).toBe(false);
      expect((await store.get(campaign.id))?.problem).toBeUndefined();
      expect(await store.setProblem('forged', 'Its group is gone', minutes(6))).toBe(false);
    });
  });
}
