import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Creates a new PGlite data folder in a short-lived process of its own, unless the folder already holds one.
 *
 * Why: creating a database cluster runs PostgreSQL's initdb inside PGlite, and the WebAssembly memory and buffers it
 * leaves behind stay in the process for good (a WebAssembly heap never shrinks): opening a new folder raised the
 * process to about 600 MB resident, opening an existing one to about 190 MB. Done in a child, that memory leaves
 * with the child, and the bot (the demo's first start above all) keeps only what the open database needs.
 */
export async function ensurePgliteDataFolder(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const pglite = require.resolve('@electric-sql/pglite');
  // Plain JavaScript, so that it runs the same under node, tsx and the test runner: PGlite's own CommonJS build.
  const script = `
    const { PGlite } = require(${JSON.stringify(pglite)});
    PGlite.create({ dataDir: ${JSON.stringify(dataDir)} })
      .then((pg) => pg.close())
      .then(() => process.exit(0), (error) => { console.error(error && error.message ? error.message : error); process.exit(1); });`;
  try {
    // On V8's baseline WebAssembly compiler, as the bot runs PGlite (see pglite-database.ts): a second of start-up less.
    await run(process.execPath, ['--liftoff-only', '-e', script], { timeout: 120_000, maxBuffer: 1024 * 1024 });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new Error(`The embedded database could not create its data folder ${dataDir}: ${detail}`);
  }
}
