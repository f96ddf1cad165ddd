import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Why the demo will not start: said in one line, with what to do, never as a stack trace. */
export class DemoCannotStartError extends Error {}

/**
 * Claims the demo's data folder for this process, before anything in it is touched (`--fresh` deletes it): a second
 * demo started on the same data would otherwise delete or corrupt the running one's database. The claim is a file
 * holding the owner's process id; one left by a demo that died is taken over. Answers how to release it.
 */
export async function claimDemoData(dataDir: string, pid = process.pid): Promise<() => Promise<void>> {
  const lock = join(dataDir, 'demo.pid');
  const owner = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(owner) && owner > 0 && owner !== pid && isAlive(owner))
    throw new DemoCannotStartError(
      `Another demo is running on the same data (process ${owner}). Stop it first (Ctrl+C in its terminal), or start this one with DATA_DIR set to another folder.`,
    );
  await mkdir(dataDir, { recursive: true });
  await writeFile(lock, String(pid));
  return async () => {
    const still = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
    if (still === pid) await rm(lock, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, and belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Refuses to start when a port the demo needs is taken, naming the setting that moves it (0: any free port, not checked). */
export async function ensurePortsFree(host: string, ports: readonly { port: number; setting: string; what: string }[]): Promise<void> {
  for (const { port, setting, what } of ports) {
    if (port === 0) continue;
    if (!(await isFree(host, port)))
      throw new DemoCannotStartError(
        `Port ${port} (${what}) is already in use, perhaps by another demo. Stop it first, or set ${setting} to a free port.`,
      );
  }
}

function isFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
