import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadProductionConfig } from '../../../src/app/config';
import { STOP_TIMEOUT_MS } from '../../../src/app/wiring/tuning';
import { complete } from '../app/production-settings';

/**
 * README's "Run it in a container" is what people type: every command it gives must fit compose.yaml (its services,
 * the env file it reads, the port it publishes), and container.env.example must hold every setting both mention.
 */
const root = join(__dirname, '..', '..', '..');
const readFile = (name: string) => readFileSync(join(root, name), 'utf8');

const readme = readFile('README.md');
const sectionStart = readme.indexOf('\n## Run it in a container\n');
const section = readme.slice(sectionStart, readme.indexOf('\n## ', sectionStart + 1));

/** The section's shell commands, one a line, continuation lines joined. */
const commands = [...section.matchAll(/```(?:bash|sh|shell)\n([\s\S]*?)```/g)]
  .flatMap((block) => block[1]!.replace(/\\\n\s*/g, ' ').split('\n'))
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const words = (command: string) => command.split(/\s+/);
const startingWith = (prefix: string) => commands.filter((command) => command.startsWith(`${prefix} `)).map(words);

interface Service {
  build?: unknown;
  image?: string;
  env_file?: string | (string | { path: string })[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition?: string }>;
  stop_grace_period?: string;
  healthcheck?: { test?: string[] };
  volumes?: string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}
const composeText = readFile('compose.yaml');
const compose = parse(composeText) as Compose;
const [botName, bot] = Object.entries(compose.services).find(([, service]) => service.build !== undefined)!;

const envFiles = (service: Service) =>
  [service.env_file ?? []].flat().map((file) => (typeof file === 'string' ? file : file.path).replace(/^\.\//, ''));

/** `${NAME}`, `${NAME:?message}`, `${NAME:-default}`: the variables compose takes from its --env-file. */
const interpolated = (text: string) => [...new Set([...text.matchAll(/\$\{(\w+)/g)].map((match) => match[1]!))];
const substitute = (value: string, given: string) => value.replace(/\$\{\w+[^}]*\}/g, given);

/** Settings the example file names: `NAME=value`, or `# NAME=value` for one left at its default. */
const example = readFile('container.env.example').split('\n');
const exampleSets = example.map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1]).filter((name) => name !== undefined);
const exampleNames = example.map((line) => /^(?:#\s*)?([A-Z][A-Z0-9_]*)=/.exec(line)?.[1]).filter((name) => name !== undefined);

/** Compose's durations: 30s, 1m30s, 1500ms. */
function milliseconds(duration: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)].reduce((sum, [, amount, unit]) => sum + Number(amount) * units[unit!]!, 0);
}

/** Flags that take a value: compose's own (before its subcommand), then those of the subcommands used here. */
const GLOBAL_FLAGS_WITH_VALUE = new Set(['--env-file', '-f', '--file', '-p', '--project-name']);
const SUBCOMMAND_FLAGS_WITH_VALUE = new Set(['-t', '--timeout', '-n', '--tail']);

function readComposeCommand(command: string[]): { flags: Record<string, string>; subcommand: string; services: string[] } {
  const flags: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 2; i < command.length; i++) {
    const word = command[i]!;
    const withValue = rest.length === 0 ? GLOBAL_FLAGS_WITH_VALUE : SUBCOMMAND_FLAGS_WITH_VALUE;
    if (withValue.has(word)) {
      if (rest.length === 0) flags[word] = command[i + 1]!;
      i++;
    } else if (!word.startsWith('-')) rest.push(word);
  }
  return { flags, subcommand: rest[0]!, services: rest.slice(1) };
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

describe('README, "Run it in a container", and compose.yaml', () => {
  const copies = startingWith('cp');
  const created = copies[0]?.[2];

  it('tells people to create, from the committed example, the env file compose gives the bot', () => {
    expect(copies).toHaveLength(1);
    const [, from, to] = copies[0]!;
    expect(existsSync(join(root, from!))).toBe(true);
    expect(envFiles(bot)).toEqual([to]);
    expect(readFile('.gitignore').split('\n')).toContain(to);
  });

  it('gives compose commands that read that env file and name only services compose has', () => {
    const composeCommands = startingWith('docker compose').map(readComposeCommand);
    expect(composeCommands.map((command) => command.subcommand)).toContain('up');
    for (const command of composeCommands) {
      expect(command.flags['--env-file']).toBe(created);
      const file = command.flags['-f'] ?? command.flags['--file'];
      if (file) expect(file).toBe('compose.yaml');
      for (const service of command.services) expect(Object.keys(compose.services)).toContain(service);
    }
  });

  it('publishes, in compose, with docker run and in its address, the port the image exposes', () => {
    const [published, inside] = bot.ports![0]!.split(':').slice(-2);
    const exposed = /^EXPOSE\s+(\d+)/m.exec(readFile('Dockerfile'))?.[1];
    expect(inside).toBe(exposed);
    expect(section).toContain(`http://localhost:${published}`);
    const runs = startingWith('docker run');
    expect(runs).toHaveLength(1);
    expect(runs[0]![runs[0]!.indexOf('-p') + 1]).toBe(`${published}:${exposed}`);
  });

  it('runs with docker run the image it builds, with the same env file', () => {
    const build = startingWith('docker build')[0]!;
    const run = startingWith('docker run')[0]!;
    const image = build[build.indexOf('-t') + 1];
    expect(run.at(-1)).toBe(image);
    expect(bot.image).toBe(image);
    expect(run[run.indexOf('--env-file') + 1]).toBe(created);
  });

  it('lists in the example every setting compose or this section mentions', () => {
    for (const name of interpolated(composeText)) expect(exampleSets).toContain(name);
    for (const name of Object.keys(bot.environment ?? {})) expect(exampleNames).toContain(name);
    const mentioned = [...section.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`/g)].map((match) => match[1]!);
    expect(mentioned).toEqual(expect.arrayContaining(['DATABASE_URL', 'POSTGRES_PASSWORD']));
    for (const name of mentioned) expect(exampleNames).toContain(name);
  });

  it('names in the example only settings the bot reads, or that compose uses itself', () => {
    const configText = filesUnder(join(root, 'src', 'app'))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const composeOwn = interpolated(composeText);
    for (const name of exampleNames.filter((name) => !composeOwn.includes(name))) expect(configText).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('holds, once filled in, all the bot needs to start in production', () => {
    const given: Record<string, string> = complete;
    const filled = Object.fromEntries(exampleSets.filter((name) => name in given).map((name) => [name, given[name]!]));
    const fromCompose = Object.fromEntries(
      Object.entries(bot.environment ?? {}).map(([name, value]) => [name, substitute(value, 'made-up')]),
    );
    expect(() => loadProductionConfig({ ...filled, ...fromCompose })).not.toThrow();
  });

  it('points the bot at the database compose starts, once that database is healthy', () => {
    const url = new URL(substitute(bot.environment!.DATABASE_URL!, 'made-up'));
    const database = compose.services[url.hostname];
    expect(database).toBeDefined();
    expect(database!.image).toMatch(/^postgres:\d+/);
    expect(url.port).toBe('5432');
    expect(url.username).toBe(database!.environment!.POSTGRES_USER);
    expect(url.pathname).toBe(`/${database!.environment!.POSTGRES_DB}`);
    expect(interpolated(database!.environment!.POSTGRES_PASSWORD!)).toEqual(interpolated(bot.environment!.DATABASE_URL!));
    expect(database!.healthcheck?.test).toEqual(expect.arrayContaining(['pg_isready']));
    expect(bot.depends_on?.[url.hostname]?.condition).toBe('service_healthy');
    const volume = database!.volumes?.[0]?.split(':')[0];
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    expect(botName).not.toBe(url.hostname);
  });

  it("waits longer for the bot to stop than the bot's own drain of turns and then jobs", () => {
    expect(milliseconds(bot.stop_grace_period ?? '10s')).toBeGreaterThan(2 * STOP_TIMEOUT_MS);
    const run = startingWith('docker run')[0]!;
    expect(Number(run[run.indexOf('--stop-timeout') + 1]) * 1000).toBeGreaterThan(2 * STOP_TIMEOUT_MS);
  });
});
