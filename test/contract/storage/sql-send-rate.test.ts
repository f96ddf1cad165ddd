import type { Database } from '../../../src/adapters/storage/database';
import { SqlSendRate } from '../../../src/adapters/storage/sql-send-rate';
import { databaseTargets } from '../../support/test-database';

const T0 = new Date('2026-12-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);


describe.each(databaseTargets())('SqlSendRate on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.openMigrated();
  });
  afterAll(() => db.close());

  it('grants at most the rate within one second, and the full rate again the next second', async () => {
    const rate = new SqlSendRate(db, 40, 'one-instance');
    expect(await rate.take(25, () => at(0))).toBe(25);
    expect(await rate.take(25, () => at(400))).toBe(15);
    expect(await rate.take(5, () => at(999))).toBe(0);
    expect(await rate.take(50, () => at(1_000))).toBe(40);
    expect(await rate.take(0, () => at(2_000))).toBe(0);
  });

  it('shares one budget between instances asking at the same moment', async () => {
    const instances = [new SqlSendRate(db, 40, 'shared'), new SqlSendRate(db, 40, 'shared'), new SqlSendRate(db, 40, 'shared')];
    const granted = await Promise.all(instances.flatMap((rate) => [rate.take(20, () => at(5_100)), rate.take(20, () => at(5_200))]));
    expect(granted.reduce((sum, n) => sum + n, 0)).toBe(40);
  });

  it('does not give a second back to an instance whose clock runs behind', async () => {
    const rate = new SqlSendRate(db, 10, 'skewed');
    expect(await rate.take(10, () => at(8_000))).toBe(10);
    expect(await rate.take(10, () => at(7_500))).toBe(0);
  });

  it('counts a request in the second it is granted in, after waiting for the lock, not the one it asked in', async () => {
    const rate = new SqlSendRate(db, 5, 'clocked');
    let clock = at(20_000);
    expect(await rate.take(5, () => clock)).toBe(5);
    clock = at(21_000);
    expect(await rate.take(5, () => clock)).toBe(5);
  });

  it('refuses a rate that is not a whole number of at least one', () => {
    expect(() => new SqlSendRate(db, 0)).toThrow('at least 1');
    expect(() => new SqlSendRate(db, 2.5)).toThrow('whole number');
  });
});
