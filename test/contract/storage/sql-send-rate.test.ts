import type { Database } from '../../../src/adapters/storage/database';
import { SqlSendRate } from '../../../src/adapters/storage/sql-send-rate';
import { databaseTargets } from '../../support/test-database';

const T0 = new Date('2026-12-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const offsets = (slots: Date[]) => slots.map((slot) => slot.getTime() - T0.getTime());

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

describe.each(databaseTargets())('SqlSendRate on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.openMigrated();
  });
  afterAll(() => db.close());

  it('spaces sends evenly at the rate: one now, the next a 1/rate second later, and at once again after a lull', async () => {
    const rate = new SqlSendRate(db, 40, 'one-instance');
    const burst: Date[] = [];
    for (let i = 0; i < 5; i++) burst.push((await rate.nextSlot(() => at(0))).at);
    expect(offsets(burst)).toEqual([0, 25, 50, 75, 100]);
    // Asked later than the next free time: that send goes when asked.
    expect(offsets([(await rate.nextSlot(() => at(5_000))).at])).toEqual([5_000]);
  });

  it('holds every one-second stretch, wherever it starts, to the rate: a burst at the end of a second does not add to the next', async () => {
    const rate = new SqlSendRate(db, 10, 'sliding');
    const slots: Date[] = [];
    for (let i = 0; i < 10; i++) slots.push((await rate.nextSlot(() => at(10_900))).at);
    for (let i = 0; i < 10; i++) slots.push((await rate.nextSlot(() => at(11_000))).at);
    expect(busiestSecond(slots)).toBe(10);
    expect(slots[19]!.getTime() - slots[0]!.getTime()).toBe(1_900);
  });

  it('shares one budget between instances asking at the same moment: no two sends share a place', async () => {
    const instances = [new SqlSendRate(db, 40, 'shared'), new SqlSendRate(db, 40, 'shared'), new SqlSendRate(db, 40, 'shared')];
    const slots = await Promise.all(instances.flatMap((rate) => Array.from({ length: 20 }, () => rate.nextSlot(() => at(20_000)).then((slot) => slot.at))));
    const sorted = offsets(slots).sort((a, b) => a - b);
    expect(sorted).toEqual(Array.from({ length: 60 }, (_, i) => 20_000 + i * 25));
    expect(busiestSecond(slots)).toBe(40);
  });

  it('does not give a place back to an instance whose clock runs behind', async () => {
    const rate = new SqlSendRate(db, 10, 'skewed');
    expect(offsets([(await rate.nextSlot(() => at(30_000))).at])).toEqual([30_000]);
    expect(offsets([(await rate.nextSlot(() => at(29_500))).at])).toEqual([30_100]);
  });

  it('places a request from when it got the lock, not from when it asked', async () => {
    const rate = new SqlSendRate(db, 5, 'clocked');
    let clock = at(40_000);
    expect(offsets([(await rate.nextSlot(() => clock)).at])).toEqual([40_000]);
    clock = at(41_000);
    expect(offsets([(await rate.nextSlot(() => clock)).at])).toEqual([41_000]);
  });

  it('counts the instances sending lately, this one included, and forgets one that stopped asking', async () => {
    const rate = new SqlSendRate(db, 10, 'senders');
    expect((await rate.nextSlot(() => at(50_000), 'a')).senders).toBe(1);
    expect((await rate.nextSlot(() => at(50_100), 'b')).senders).toBe(2);
    expect((await rate.nextSlot(() => at(50_200), 'c')).senders).toBe(3);
    expect((await rate.nextSlot(() => at(50_300), 'a')).senders).toBe(3);
    // "b" and "c" said nothing for more than SENDER_QUIET_MS; "a" kept asking.
    expect((await rate.nextSlot(() => at(52_000), 'a')).senders).toBe(3);
    expect((await rate.nextSlot(() => at(53_400), 'a')).senders).toBe(1);
    expect((await rate.nextSlot(() => at(53_500), 'b')).senders).toBe(2);
  });

  it('refuses a rate that is not a whole number of at least one', () => {
    expect(() => new SqlSendRate(db, 0)).toThrow('at least 1');
    expect(() => new SqlSendRate(db, 2.5)).toThrow('whole number');
  });
});
