import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { startTestApp } from '../../support/app-harness';
import { createFreshPostgresDatabase, type FreshPostgresDatabase } from '../../support/test-database';
import { eventually } from '../../support/eventually';

/**
 * A bot started while its database server is not answering yet (started together, or mid-restart) waits for it
 * rather than exiting at once; after its wait, it gives up with the database's own error.
 */
const describeWithServer = process.env.TEST_POSTGRES_URL ? describe : describe.skip;

describeWithServer('starting while the database server does not answer', () => {
  let fresh: FreshPostgresDatabase;
  let proxy: FaultProxy;
  let url: string;

  beforeAll(async () => {
    fresh = await createFreshPostgresDatabase();
    const target = new URL(fresh.url);
    proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
    target.hostname = proxy.host;
    target.port = String(proxy.port);
    url = target.toString();
  });

  afterAll(async () => {
    await proxy?.close();
    await fresh?.drop();
  });

  it('waits for the server, then starts and is ready', async () => {
    proxy.mode = 'refuse';
    const refusedBefore = proxy.faults;
    const starting = startTestApp({ database: 'postgres', databaseUrl: url });
    // Let it be refused a few times before the server "comes up".
    await eventually('the start was refused twice', () => proxy.faults - refusedBefore >= 2, { timeoutMs: 10_000 });
    expect(proxy.faults - refusedBefore).toBeGreaterThanOrEqual(2);
    proxy.mode = 'pass';
    const harness = await starting;
    try {
      expect((await fetch(`${harness.app.url}/readyz`)).status).toBe(200);
      expect(harness.logs.text()).toContain('the database did not answer at start; trying again');
    } finally {
      await harness.stop();
    }
  });

  it("gives up after its wait with the database's error, instead of hanging", async () => {
    proxy.mode = 'refuse';
    await expect(startTestApp({ database: 'postgres', databaseUrl: url, overrides: { databaseStartWaitMs: 1500 } })).rejects.toThrow(
      /ECONNRESET|ECONNREFUSED|terminated|closed/i,
    );
    proxy.mode = 'pass';
  });
});
