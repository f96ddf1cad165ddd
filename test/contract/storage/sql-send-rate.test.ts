import type { Database } from '../../../src/adapters/storage/database';
import { SqlSendRate } from '../../../src/adapters/storage/sql-send-rate';
import { databaseTargets } from '../../support/test-database';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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

describe.each(databaseTargets())('SqlSendRate on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.openMigrated();
  });
  afterAll(() => db.close());

  // The rates below are slow enough that no request, however busy the machine, comes after its place is due:
  // each is placed by the one before it, exactly 1/rate seconds on.
  it('spaces sends evenly at the rate: one now, the next a 1/rate second later, and at once again after a lull', async () => {
    const rate = new SqlSendRate(db, 2, 'one-instance');
    const burst = [];
    for (let i = 0; i < 5; i++) burst.push(await rate.nextSlot());
    expect(gaps(burst.map((slot) => slot.at))).toEqual([500, 500, 500, 500]);
    expect(burst[0]!.waitMs).toBe(0);
    // Asked one after another faster than the rate: each waits longer than the one before, up to two seconds.
    expect(burst[4]!.waitMs).toBeGreaterThan(burst[1]!.waitMs);
    expect(burst[4]!.waitMs).toBeLessThanOrEqual(2_000);

    const quick = new SqlSendRate(db, 40, 'lull');
    const before = await quick.nextSlot();
    await sleep(150);
    // Asked later than the next free time: that send goes when asked, not 1/rate after the one before.
    const after = await quick.nextSlot();
    expect(after.waitMs).toBe(0);
    expect(after.at.getTime() - before.at.getTime()).toBeGreaterThanOrEqual(140);
  });

  it('holds every one-second stretch, wherever it starts, to the rate: a burst does not go together', async () => {
    const rate = new SqlSendRate(db, 2, 'sliding');
    const slots = await Promise.all(Array.from({ length: 10 }, () => rate.nextSlot().then((slot) => slot.at)));
    slots.sort((a, b) => a.getTime() - b.getTime());
    expect(busiestSecond(slots)).toBe(2);
    expect(slots[9]!.getTime() - slots[0]!.getTime()).toBe(4_500);
  });

  it('shares one budget between instances asking at the same moment: no two sends share a place', async () => {
    const instances = [new SqlSendRate(db, 4, 'shared'), new SqlSendRate(db, 4, 'shared'), new SqlSendRate(db, 4, 'shared')];
    const slots = await Promise.all(instances.flatMap((rate) => Array.from({ length: 8 }, () => rate.nextSlot().then((slot) => slot.at))));
    slots.sort((a, b) => a.getTime() - b.getTime());
    expect(gaps(slots)).toEqual(Array.from({ length: 23 }, () => 250));
    expect(busiestSecond(slots)).toBe(4);
  });

  it('places a request from when it got the row, not from when it asked', async () => {
    const rate = new SqlSendRate(db, 5, 'held');
    const first = await rate.nextSlot();
    await sleep(250);
    // Someone else holds the budget's row for 400 ms; this request asks meanwhile and is answered after.
    let released = 0;
    const holding = db.transaction(async (tx) => {
      await tx.query("SELECT * FROM send_rate_windows WHERE name = 'held' FOR UPDATE");
      await sleep(400);
      released = Date.now();
    });
    await sleep(50);
    const waited = await rate.nextSlot();
    await holding;
    // Placed from when it got the row (the place before it is long past): it goes at once.
    expect(waited.waitMs).toBe(0);
    expect(waited.at.getTime()).toBeGreaterThanOrEqual(released - 50);
    expect(waited.at.getTime() - first.at.getTime()).toBeGreaterThanOrEqual(600);
  });

  it('counts the instances sending lately, this one included, and forgets one that stopped asking', async () => {
    const rate = new SqlSendRate(db, 10, 'senders', 2_000);
    expect((await rate.nextSlot('a')).senders).toBe(1);
    expect((await rate.nextSlot('b')).senders).toBe(2);
    expect((await rate.nextSlot('c')).senders).toBe(3);
    await sleep(600);
    expect((await rate.nextSlot('a')).senders).toBe(3);
    await sleep(1_500);
    // "b" and "c" said nothing for more than two seconds; "a" kept asking.
    expect((await rate.nextSlot('a')).senders).toBe(1);
    expect((await rate.nextSlot('b')).senders).toBe(2);
  });

  it('refuses a rate that is not a whole number of at least one', () => {
    expect(() => new SqlSendRate(db, 0)).toThrow('at least 1');
    expect(() => new SqlSendRate(db, 2.5)).toThrow('whole number');
  });
});
