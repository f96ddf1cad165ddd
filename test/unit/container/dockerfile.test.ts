import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { run as lintDockerfile } from 'dockerfilelint';
import { loadProductionConfig } from '../../../src/app/config';
import { complete } from '../app/production-settings';

/**
 * The image is never built where the tests run (there is no Docker engine there), so the Dockerfile is held to its
 * rules here: dockerfilelint's, and the product's own that a linter cannot know (what the running bot reads, how it
 * stops, who it runs as).
 */
const root = join(__dirname, '..', '..', '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions, continuation lines joined, comments and blank lines left out. */
function readInstructions(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = `${pending}${line}`.trim();
    pending = '';
    const keyword = full.split(/\s+/, 1)[0]!;
    instructions.push({ keyword: keyword.toUpperCase(), args: full.slice(keyword.length).trim() });
  }
  return instructions;
}

/** One list of instructions per FROM. */
function readStages(instructions: Instruction[]): Instruction[][] {
  const stages: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

interface Copy {
  from?: string;
  sources: string[];
  destination: string;
}

function readCopy(args: string): Copy {
  const words = args.split(/\s+/);
  const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((word) => !word.startsWith('--'));
  return { ...(from ? { from } : {}), sources: paths.slice(0, -1), destination: paths.at(-1)! };
}

const stages = readStages(readInstructions(dockerfile));
const final = stages.at(-1) ?? [];
const all = (stage: Instruction[], keyword: string) => stage.filter((instruction) => instruction.keyword === keyword);
const last = (stage: Instruction[], keyword: string) => all(stage, keyword).at(-1);
const copies = stages.flatMap((stage) => all(stage, 'COPY').map((copy) => readCopy(copy.args)));
const finalCopies = all(final, 'COPY').map((copy) => readCopy(copy.args));
const fromContext = copies.filter((copy) => copy.from === undefined);

/**
 * Whether `docker build` leaves a path of the build context out, by .dockerignore's rules: `*` and `?` stay within
 * one folder, `**` spans any number of them, a pattern that matches a folder leaves out all it holds, and a later
 * pattern starting with `!` takes a path back in.
 */
function dockerIgnores(patterns: string[]): (path: string) => boolean {
  const rules = patterns.map((pattern) => {
    const negated = pattern.startsWith('!');
    const body = (negated ? pattern.slice(1) : pattern).trim().replace(/^\/+/, '').replace(/\/+$/, '');
    let source = '';
    for (let i = 0; i < body.length; i++) {
      const char = body[i]!;
      if (char === '*' && body[i + 1] === '*') {
        i++;
        if (body[i + 1] === '/') {
          i++;
          source += '(?:.*/)?';
        } else source += '.*';
      } else if (char === '*') source += '[^/]*';
      else if (char === '?') source += '[^/]';
      else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    return { negated, regex: new RegExp(`^${source}$`) };
  });
  return (path) => {
    const parts = path.split('/');
    const withParents = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const rule of rules) if (withParents.some((candidate) => rule.regex.test(candidate))) ignored = !rule.negated;
    return ignored;
  };
}

const ignorePatterns = readFileSync(join(root, '.dockerignore'), 'utf8')
  .split(/\r?\n/)
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const ignored = dockerIgnores(ignorePatterns);

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

/** The top-level folders the bot finds beside package.json at run time (src/adapters/project-folder.ts). */
function projectFoldersRead(): string[] {
  const names = filesUnder(join(root, 'src'))
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/projectFolder\('([^']+)'\)/g)].map((match) => match[1]!));
  return [...new Set(names)];
}

function healthCheckCommand(): string[] {
  const healthcheck = last(final, 'HEALTHCHECK');
  expect(healthcheck).toBeDefined();
  const [, command] = healthcheck!.args.split(/\bCMD\s+/);
  return JSON.parse(command ?? 'null') as string[];
}

/** Runs the image's health check against a server standing in for the bot, as Docker would inside the container. */
async function runHealthCheck(status: number): Promise<{ code: number | null; paths: string[] }> {
  const paths: string[] = [];
  const server: Server = createServer((request, response) => {
    paths.push(request.url ?? '');
    // Not chained: a library another test of the same worker loads may wrap writeHead and return nothing.
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const [, ...args] = healthCheckCommand();
    const port = String((server.address() as AddressInfo).port);
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', PORT: port }, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, paths };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('Dockerfile', () => {
  it('passes dockerfilelint with no issue', () => {
    expect(lintDockerfile(root, dockerfile)).toEqual([]);
  });

  it('builds in one stage and runs from another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(all(stages[0]!, 'RUN').map((run) => run.args)).toEqual(expect.arrayContaining(['npm ci', 'npm run build']));
    expect(last(final, 'FROM')!.args).toMatch(/^node:22[-.\w]*slim\b/);
  });

  it('installs only the production dependencies in the final stage', () => {
    const installs = all(final, 'RUN').filter((run) => /\bnpm ci\b/.test(run.args));
    expect(installs).toHaveLength(1);
    expect(installs[0]!.args).toMatch(/\bnpm ci --omit=dev\b/);
  });

  it("copies the project's .npmrc before every npm ci, since a dependency runs npx when it installs", () => {
    for (const stage of stages) {
      const installAt = stage.findIndex((instruction) => instruction.keyword === 'RUN' && /\bnpm ci\b/.test(instruction.args));
      if (installAt < 0) continue;
      const copiedBefore = stage.slice(0, installAt).filter((instruction) => instruction.keyword === 'COPY');
      expect(copiedBefore.flatMap((copy) => readCopy(copy.args).sources)).toEqual(
        expect.arrayContaining(['package.json', 'package-lock.json', '.npmrc']),
      );
    }
  });

  it('runs as a user that is not root', () => {
    const user = last(final, 'USER');
    expect(user).toBeDefined();
    const name = user!.args.split(':')[0]!;
    expect(['root', '0']).not.toContain(name);
    expect(final.indexOf(user!)).toBeLessThan(final.indexOf(last(final, 'CMD')!));
  });

  it('starts the compiled bot with node itself, in exec form, as npm start does', () => {
    const command = JSON.parse(last(final, 'CMD')!.args) as unknown;
    expect(Array.isArray(command)).toBe(true);
    const words = command as string[];
    expect(words[0]).toBe('node');
    expect(words.join(' ')).toBe(
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start,
    );
    const built = finalCopies.find((copy) => copy.from !== undefined);
    expect(built).toBeDefined();
    expect(words.at(-1)!.startsWith(built!.destination.replace(/^\.\//, ''))).toBe(true);
    expect(last(final, 'STOPSIGNAL')?.args).toBe('SIGTERM');
  });

  it("listens on every interface, on the port it exposes (the bot's own default)", () => {
    const settings = Object.fromEntries(
      all(final, 'ENV')
        .flatMap((env) => env.args.split(/\s+/))
        .map((pair) => pair.split('=') as [string, string]),
    );
    const server = loadProductionConfig({ ...complete, ...settings }).server;
    expect(server.host).toBe('0.0.0.0');
    expect(last(final, 'EXPOSE')?.args).toBe(String(server.port));
    expect(loadProductionConfig(complete).server.port).toBe(server.port);
  });

  it('copies every folder the bot reads at run time', () => {
    const folders = projectFoldersRead();
    expect(folders).toEqual(expect.arrayContaining(['adaptiveCards', 'knowledge']));
    const destinations = finalCopies.map((copy) => copy.destination.replace(/^\.\//, ''));
    for (const folder of folders) expect(destinations).toContain(folder);
  });

  it('copies only paths that exist in the project and that .dockerignore lets through', () => {
    const sources = fromContext.flatMap((copy) => copy.sources);
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(existsSync(join(root, source))).toBe(true);
      const left = filesUnder(join(root, source))
        .map((file) => relative(root, file))
        .filter(ignored);
      expect({ source, left }).toEqual({ source, left: [] });
    }
  });

  it('asks /healthz in its health check, with node (the slim image has no curl)', async () => {
    expect(healthCheckCommand()[0]).toBe('node');
    const up = await runHealthCheck(200);
    expect(up).toEqual({ code: 0, paths: ['/healthz'] });
    const down = await runHealthCheck(503);
    expect(down.code).not.toBe(0);
  });
});

describe('.dockerignore', () => {
  it.each([
    'container.env',
    'env/.env.dev.user',
    '.env',
    '.env.production',
    'scripts/.env.local',
    'bot-certificate.pem',
    'node_modules/pg/package.json',
    'emulators/node_modules/x/index.js',
    'dist/src/index.js',
    '.data/demo/PG_VERSION',
    '.git/HEAD',
    'coverage/lcov.info',
  ])('keeps %s out of the build', (path) => {
    expect(ignored(path)).toBe(true);
  });

  it('lets through what the image is made of', () => {
    for (const path of ['package.json', '.npmrc', 'src/index.ts', 'knowledge/outside-topics.yaml', 'container.env.example'])
      expect(ignored(path)).toBe(false);
  });
});
