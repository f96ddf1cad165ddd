import { Client } from 'pg';

/**
 * Decides once per run whether the suites that cover PostgreSQL also run on a server.
 * TEST_POSTGRES_URL wins; otherwise the local server is tried. Workers inherit the result through the environment.
 * Where no server answers, those suites are skipped with a warning; in continuous integration (CI=true) the run
 * fails instead, before any test, since a skipped half of the database suites would pass unseen there.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MFA_TEST_POSTGRES_CHECKED) return;
  process.env.MFA_TEST_POSTGRES_CHECKED = '1';
  const given = process.env.TEST_POSTGRES_URL;
  const url = given ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    process.env.TEST_POSTGRES_URL = url;
  } catch (error) {
    delete process.env.TEST_POSTGRES_URL;
    const where = url.replace(/\/\/[^@]*@/, '//');
    if (process.env.CI === 'true') throw new Error(noServerInContinuousIntegration(where, given !== undefined, error));
    console.warn(`\nNo PostgreSQL server answered at ${where}: the PostgreSQL-server suites are skipped.\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function noServerInContinuousIntegration(where: string, urlGiven: boolean, error: unknown): string {
  const why = error instanceof Error && error.message ? ` (${error.message})` : '';
  return [
    `No PostgreSQL server answered at ${where}${urlGiven ? ', the address TEST_POSTGRES_URL gives' : ''}${why}.`,
    'With CI=true the suites that run on a PostgreSQL server may not be skipped, so the run stops before any test. Either:',
    '- start a server at 127.0.0.1:5432 with a database "test", where the user "postgres" signs in without a password and',
    '  may create databases, for example: docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust -e POSTGRES_DB=test postgres:16',
    '- or set TEST_POSTGRES_URL to a server and database where its user may create databases: postgres://user:password@host:5432/database',
  ].join('\n');
}
