/**
 * The Graph emulator, serving a generated tenant, in a process of its own: benchmarks measure the bot's memory,
 * and a million generated people (about 1.5 GB in the emulator) would otherwise count as the bot's.
 *
 * Run as a script with `--serve-emulator --users N [--time-scale S] [--report-options documented|lenient]`, it
 * generates the tenant, serves it, prints `{ url, generate_s }` on its first line of stdout and runs until its
 * stdin closes or it gets SIGTERM. `startEmulatorProcess` does that from a benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { generateDemoTenant, type DemoTenant } from '../emulators/demo-tenant';
import { startGraphEmulator } from '../emulators/graph';
import { arg } from './command-line';

export interface EmulatorProcess {
  url: string;
  /** Seconds the child took to generate the tenant. */
  generate_s: number;
  /** What a benchmark needs of the generated tenant (the rest stays in the child). */
  tenant: TenantFacts;
  stop(): void;
}

export interface TenantFacts {
  tenantId: string;
  /** The people the demo talks as: an admin, an employee. */
  personaIds: { employee: string; admin: string };
  /** The largest department, and a person from the middle of the directory (name and UPN). */
  largestDepartment: string;
  somePerson: { displayName: string; userPrincipalName: string };
}

function factsOf(tenant: DemoTenant): TenantFacts {
  const sizes = new Map<string, number>();
  for (const { department } of tenant.users) if (department) sizes.set(department, (sizes.get(department) ?? 0) + 1);
  const [largestDepartment] = [...sizes].sort((a, b) => b[1] - a[1])[0]!;
  const { displayName, userPrincipalName } = tenant.users[Math.floor(tenant.users.length / 2)]!;
  return { tenantId: tenant.tenantId, personaIds: tenant.personaIds, largestDepartment, somePerson: { displayName, userPrincipalName } };
}

/** Child mode: generate the tenant, serve it, say where on stdout, and run until told to stop. */
async function serveEmulator(): Promise<void> {
  const started = performance.now();
  const tenant: DemoTenant = generateDemoTenant({ users: Number(arg('users', '100000')) });
  const generatedMs = performance.now() - started;
  const graph = await startGraphEmulator({
    tenant,
    timeScale: Number(arg('time-scale', '1')),
    reportQueryOptions: arg('report-options', 'documented') === 'lenient' ? 'lenient' : 'documented',
  });
  console.log(JSON.stringify({ url: graph.url, generate_s: +(generatedMs / 1000).toFixed(3), tenant: factsOf(tenant) }));
  const stop = () => void graph.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

/** Starts the emulator in a child process, compiled or not as this process is, and waits for its address. */
export async function startEmulatorProcess(options: {
  users: number;
  timeScale: number;
  reportOptions: 'documented' | 'lenient';
}): Promise<EmulatorProcess> {
  const script = __filename.endsWith('.ts') ? [require.resolve('tsx/cli'), __filename] : [__filename];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...script,
      '--serve-emulator',
      '--users',
      String(options.users),
      '--time-scale',
      String(options.timeScale),
      '--report-options',
      options.reportOptions,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the emulator process exited (${code}) before it was ready`)));
  });
  const ready = JSON.parse(firstLine) as Omit<EmulatorProcess, 'stop'>;
  return {
    ...ready,
    stop: () => {
      child.stdin?.end();
      child.kill('SIGTERM');
    },
  };
}

if (require.main === module && process.argv.includes('--serve-emulator')) {
  serveEmulator().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
