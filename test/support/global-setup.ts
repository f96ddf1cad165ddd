import { Client } from 'pg';

/**
 * Decides once per run whether the suites that cover PostgreSQL also run on a server.
 * TEST_POSTGRES_URL wins; otherwise the local server is tried. Workers inherit the result through the environment.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MFA_TEST_POSTGRES_CHECKED) return;
  process.env.MFA_TEST_POSTGRES_CHECKED = '1';
  const url = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    process.env.TEST_POSTGRES_URL = url;
  } catch {
    delete process.env.TEST_POSTGRES_URL;
    console.warn(`\nNo PostgreSQL server answered at ${url.replace(/\/\/[^@]*@/, '//')}: the PostgreSQL-server suites are skipped.\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
