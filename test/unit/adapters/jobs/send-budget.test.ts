import { CampaignDeliveryEngine } from '../../../../src/adapters/jobs/campaign-delivery-engine';
import { SendBudget } from '../../../../src/adapters/jobs/send-budget';
import type { SendRate, SendSlot } from '../../../../src/domain/ports/send-rate';

/** A shared budget that always has a place now, and says how many instances send. */
function rate(senders: number, waitMs = 0): SendRate & { askedBy: (string | undefined)[] } {
  const askedBy: (string | undefined)[] = [];
  return {
    askedBy,
    nextSlot: async (sender?: string): Promise<SendSlot> => {
      askedBy.push(sender);
      return { at: new Date(0), waitMs, senders };
    },
  };
}

/** Whether a promise has settled once pending callbacks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('SendBudget', () => {
  it('asks the shared budget in the name of its instance, and tells `reserved` once the place is held', async () => {
    const shared = rate(1);
    const gate = new SendBudget(shared, 'host:1:abc', 10);
    const reserved = jest.fn();
    const answered = await gate.take(reserved);
    expect(shared.askedBy).toEqual(['host:1:abc']);
    expect(reserved).toHaveBeenCalledTimes(1);
    answered();
  });

  it('keeps this instance to its share of the rate: with two instances sending, one place a second out of two', async () => {
    const gate = new SendBudget(rate(2), 'a', 2);
    const first = await gate.take();
    const second = gate.take();
    // The share is one a second and the first send holds it until Teams answered, then for a window.
    expect(await settled(second)).toBe(false);
    first();
    const released = await second;
    released();
  });

  it("is the one door for the campaign engine and every other sender: the engine's sends wait behind an admin's nudge", async () => {
    const gate = new SendBudget(rate(1), 'a', 1);
    const engine = new CampaignDeliveryEngine({} as never, gate, { batchMax: 1, idleMs: 1000 }, { info: () => {}, error: () => {} });
    const adminsNudge = await gate.take();
    const campaignCard = engine.takeSendSlot();
    expect(await settled(campaignCard)).toBe(false);
    adminsNudge();
    (await campaignCard)();
  });

  it('without an own limit, only the shared budget paces', async () => {
    const gate = new SendBudget(rate(5), 'a');
    const takes = await Promise.all([gate.take(), gate.take(), gate.take()]);
    expect(takes).toHaveLength(3);
  });
});
