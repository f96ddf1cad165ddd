import type { SendRate } from '../../../src/domain/ports/send-rate';
import { eventually, letTimePass } from '../../support/eventually';

/** Makes an instance's view of a send budget: `perSecond` sends, the budget's `name`, and how long a quiet sender still counts. */
export type SendRateMaker = (perSecond: number, name?: string, quietMs?: number) => SendRate;

const gaps = (slots: Date[]) => slots.slice(1).map((slot, i) => slot.getTime() - slots[i]!.getTime());

/** The most slots in any one-second stretch, wherever it starts (as Teams counts). */
function busiestSecond(slots: Date[]): number {
  const times = slots.map((slot) => slot.getTime()).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/**
 * What every `SendRate` promises: the sends of every instance spaced evenly at the rate, and a count of who is
 * sending. `openBudgets` is called before each test and answers a maker of instances that share one set of budgets,
 * as bot instances share the database. These are tests of timing: they hold on a busy machine because the places
 * are worked out from each other, and the clock is only ever compared from below.
 */
export function sendRateContract(name: string, openBudgets: () => Promise<SendRateMaker>): void {
  describe(`SendRate on ${name}`, () => {
    let makeRate: SendRateMaker;

    beforeEach(async () => {
      makeRate = await openBudgets();
    });

    it('spaces sends evenly at the rate: one now, the next a 1/rate second later, and at once again after a lull', async () => {
      // At one send a second, each request comes long before its place is due, however busy the machine: each is
      // placed by the one before it, exactly a second on.
      const rate = makeRate(1, 'one-instance');
      const burst = [];
      for (let i = 0; i < 5; i++) burst.push(await rate.nextSlot());
      expect(gaps(burst.map((slot) => slot.at))).toEqual([1000, 1000, 1000, 1000]);
      expect(burst[0]!.waitMs).toBe(0);
      // Asked one after another faster than the rate: each waits longer than the one before, up to four seconds.
      expect(burst[4]!.waitMs).toBeGreaterThan(burst[1]!.waitMs);
      expect(burst[4]!.waitMs).toBeLessThanOrEqual(4_000);

      const quick = makeRate(40, 'lull');
      const before = await quick.nextSlot();
      await letTimePass(150, 'a lull: nobody asks for longer than the spacing');
      // Asked later than the next free time: that send goes when asked, not 1/rate after the one before.
      const after = await quick.nextSlot();
      expect(after.waitMs).toBe(0);
      expect(after.at.getTime() - before.at.getTime()).toBeGreaterThanOrEqual(140);
    });

    it('holds every one-second stretch, wherever it starts, to the rate: a burst does not go together', async () => {
      const rate = makeRate(2, 'sliding');
      const slots = await Promise.all(Array.from({ length: 10 }, () => rate.nextSlot().then((slot) => slot.at)));
      slots.sort((a, b) => a.getTime() - b.getTime());
      expect(busiestSecond(slots)).toBeLessThanOrEqual(2);
      expect(slots[9]!.getTime() - slots[0]!.getTime()).toBeGreaterThanOrEqual(4_500);
    });

    it('shares one budget between instances asking at the same moment: no two sends share a place', async () => {
      const instances = [makeRate(4, 'shared'), makeRate(4, 'shared'), makeRate(4, 'shared')];
      const slots = await Promise.all(
        instances.flatMap((rate) => Array.from({ length: 8 }, () => rate.nextSlot().then((slot) => slot.at))),
      );
      slots.sort((a, b) => a.getTime() - b.getTime());
      expect(Math.min(...gaps(slots))).toBeGreaterThanOrEqual(250);
      expect(busiestSecond(slots)).toBeLessThanOrEqual(4);
    });

    it('counts the instances sending lately, this one included, and forgets one that stopped asking', async () => {
      const rate = makeRate(10, 'senders', 2_000);
      expect((await rate.nextSlot('a')).senders).toBe(1);
      const othersLastAsked = Date.now();
      expect((await rate.nextSlot('b')).senders).toBe(2);
      expect((await rate.nextSlot('c')).senders).toBe(3);
      await letTimePass(600, 'less than the quiet time: "b" and "c" still count');
      expect((await rate.nextSlot('a')).senders).toBe(3);

      // "b" and "c" say nothing more; "a" keeps asking until it is counted alone.
      await eventually('"b" and "c" no longer count', async () => (await rate.nextSlot('a')).senders === 1, { intervalMs: 100 });
      expect(Date.now() - othersLastAsked).toBeGreaterThanOrEqual(2_000);
      expect((await rate.nextSlot('b')).senders).toBe(2);
    });

    it('refuses a rate that is not a whole number of at least one', () => {
      expect(() => makeRate(0)).toThrow('at least 1');
      expect(() => makeRate(2.5)).toThrow('whole number');
    });
  });
}
