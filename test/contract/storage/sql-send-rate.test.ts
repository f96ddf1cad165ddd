import { SqlSendRate } from '../../../src/adapters/storage/sql-send-rate';
import { eventually, letTimePass } from '../../support/eventually';
import { databaseTargets, migratedOnFirstUse } from '../../support/test-database';

// What only the SQL budget can show: a request that waits for the budget's row while another holds it. The rest of
// its behaviour is in send-rate.contract.ts.
describe.each(databaseTargets())('SqlSendRate on $name, while another holds the budget', (target) => {
  const database = migratedOnFirstUse(target);

  it('places a request from when it got the row, not from when it asked', async () => {
    const db = await database();
    const rate = new SqlSendRate(db, 5, 'held');
    const first = await rate.nextSlot();
    // Someone else holds the budget's row for 400 ms; this request asks meanwhile and is answered after.
    let holding = false;
    let released: Date | undefined;
    const holder = db.transaction(async (tx) => {
      await tx.query("SELECT * FROM send_rate_windows WHERE name = 'held' FOR UPDATE");
      holding = true;
      await letTimePass(400, 'the budget held by someone else');
      released = (await tx.query<{ at: Date }>('SELECT clock_timestamp() AS at'))[0]!.at;
    });
    await eventually('someone else holds the budget', () => holding);
    const waited = await rate.nextSlot();
    await holder;
    // Placed from when it got the row (the place after the first, 200 ms on, is long past): it goes at once.
    expect(waited.waitMs).toBe(0);
    expect(waited.at.getTime()).toBeGreaterThanOrEqual(released!.getTime());
    expect(waited.at.getTime() - first.at.getTime()).toBeGreaterThanOrEqual(400);
  });
});
