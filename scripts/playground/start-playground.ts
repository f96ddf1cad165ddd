import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { stringify } from 'yaml';

/**
 * Starts the Microsoft 365 Agents Playground (@microsoft/m365agentsplayground 0.2.x) as a child process, offline:
 * no browser, no telemetry (the Application Insights SDK inside it is muted too, see `offlineEnv`), its log file and
 * mock-data config in a temporary directory instead of `./devTools` and `./.m365agentsplayground.yml`.
 *
 * Facts this relies on (read in the package's bundle, verified against 0.2.28):
 * - stdout is not a TTY here, so the only thing it prints is `Listening on <port>` (the real port: it falls back to
 *   a random one when the asked port is busy, and `--port 0` asks for a random one); everything else, including
 *   config errors, goes to the log file only. "Listening" is printed before the routes are mounted, so readiness
 *   is `GET /_debug/ping` → `pong`.
 * - An invalid config makes it exit with code 1 right after "Listening on …": the reason is in the log file.
 * - It listens on all interfaces, not just loopback.
 */

/** A person in the Playground's mock tenant. `userPrincipleName` is spelled as the Playground's schema spells it. */
export interface PlaygroundUser {
  /** The channel account id (`from.id`, `recipient.id`, member id in connector calls). */
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

/** The `.m365agentsplayground.yml` schema, version 0.1.1 (every key is required by the Playground). */
export interface PlaygroundConfig {
  version: '0.1.0' | '0.1.1';
  /** Reaches the bot as `conversation.tenantId` and `channelData.tenant.id`. */
  tenantId: string;
  /** `recipient` of every activity; name at most 42 characters. */
  bot: { id: string; name: string };
  /** The only user the web UI can type as. Reaches the bot as `from` (`id`, `name`, `aadObjectId`). */
  currentUser: PlaygroundUser;
  /** Exactly 5 other users (schema minItems = maxItems = 5); ids unique, and different from `currentUser.id`. */
  users: PlaygroundUser[];
  /** The 1:1 chat between `currentUser` and the bot. */
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  /** At most one channel besides General (whose id is the team id). */
  team: { id: string; name: string; aadGroupId: string; channels: Array<{ id: string; name: string }> };
}

/** A directory user as our demo tenant (Graph) describes one. */
export interface DirectoryPerson {
  aadObjectId: string;
  displayName: string;
  userPrincipalName: string;
  givenName?: string;
  surname?: string;
  mail?: string;
  /** Defaults to a Teams-shaped bot-scoped id, `29:1<base64url(aadObjectId)>` (same rule as emulators/connector). */
  id?: string;
}

export function playgroundUser(person: DirectoryPerson): PlaygroundUser {
  const [first = person.displayName, ...rest] = person.displayName.split(' ');
  return {
    id: person.id ?? `29:1${Buffer.from(person.aadObjectId, 'utf8').toString('base64url')}`,
    name: person.displayName,
    userPrincipleName: person.userPrincipalName,
    aadObjectId: person.aadObjectId,
    givenName: person.givenName ?? first,
    surname: person.surname ?? (rest.join(' ') || first),
    email: person.mail ?? person.userPrincipalName,
  };
}

/** Personal chat id used when none is given: one per user, like Teams' `a:…` 1:1 conversation ids. */
export function defaultPersonalChatId(user: PlaygroundUser): string {
  return `a:playground-${user.id}`;
}

export interface PlaygroundConfigInput {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  /** Up to 5 other users; the list is padded with placeholder colleagues to the 5 the Playground requires. */
  users?: PlaygroundUser[];
  personalChat?: { id: string };
  groupChat?: { id: string; name: string };
  team?: PlaygroundConfig['team'];
}

/** Builds a complete, valid config from the parts a test cares about. */
export function buildPlaygroundConfig(input: PlaygroundConfigInput): PlaygroundConfig {
  const users = [...(input.users ?? [])];
  if (users.length > 5) throw new Error(`The Playground takes exactly 5 users besides the current one, got ${users.length}`);
  for (let n = 1; users.length < 5; n++) {
    const id = `playground-filler-${n}`;
    if (users.some((u) => u.id === id) || input.currentUser.id === id) continue;
    users.push({
      id,
      name: `Colleague ${n}`,
      userPrincipleName: `colleague${n}@playground.invalid`,
      aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      givenName: 'Colleague',
      surname: String(n),
      email: `colleague${n}@playground.invalid`,
    });
  }
  return {
    version: '0.1.1',
    tenantId: input.tenantId,
    bot: input.bot,
    currentUser: input.currentUser,
    users,
    personalChat: input.personalChat ?? { id: defaultPersonalChatId(input.currentUser) },
    groupChat: input.groupChat ?? { id: '19:playground-group@thread.v2', name: 'Playground group chat' },
    team: input.team ?? {
      id: '19:playground-general@thread.tacv2',
      name: 'Playground team',
      aadGroupId: '00000000-0000-4000-8000-0000000000aa',
      channels: [{ id: '19:playground-announcements@thread.tacv2', name: 'Announcements' }],
    },
  };
}

/**
 * The same config with another person as the current user (the one the web UI types as): `who` is a user id or
 * display name from `users` (or the current user). The previous current user takes that person's place in `users`,
 * and the personal chat becomes the new user's own (`personalChatId`, default {@link defaultPersonalChatId}).
 */
export function withCurrentUser(config: PlaygroundConfig, who: string, personalChatId?: string): PlaygroundConfig {
  const matches = (u: PlaygroundUser) => u.id === who || u.name === who || u.aadObjectId === who || u.userPrincipleName === who;
  if (matches(config.currentUser)) return personalChatId ? { ...config, personalChat: { id: personalChatId } } : config;
  const index = config.users.findIndex(matches);
  const next = config.users[index];
  if (!next)
    throw new Error(
      `No user "${who}" in the Playground config (known: ${[config.currentUser, ...config.users].map((u) => u.name).join(', ')})`,
    );
  const users = [...config.users];
  users[index] = config.currentUser;
  return { ...config, currentUser: next, users, personalChat: { id: personalChatId ?? defaultPersonalChatId(next) } };
}

/** Checks what the Playground would reject at start (where it only says so in its log file). */
export function validatePlaygroundConfig(config: PlaygroundConfig): void {
  const problems: string[] = [];
  if (config.users.length !== 5) problems.push(`users must hold exactly 5 people (has ${config.users.length})`);
  const userIds = [config.currentUser.id, ...config.users.map((u) => u.id)];
  if (new Set(userIds).size !== userIds.length) problems.push('user ids must be unique (current user included)');
  const chatIds = [config.personalChat.id, config.groupChat.id, config.team.id, ...config.team.channels.map((c) => c.id)];
  if (new Set(chatIds).size !== chatIds.length) problems.push('personal chat, group chat, team and channel ids must be unique');
  if (config.team.channels.length > 1) problems.push('team.channels holds at most 1 channel (General is implicit)');
  if (config.bot.name.length > 42) problems.push('bot.name is at most 42 characters');
  for (const user of [config.currentUser, ...config.users]) {
    for (const key of ['id', 'name', 'userPrincipleName', 'aadObjectId', 'givenName', 'surname', 'email'] as const) {
      if (typeof user[key] !== 'string') problems.push(`user ${user.id ?? '?'}: ${key} must be a string`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid Playground config: ${problems.join('; ')}`);
}

/** Writes the config as `.m365agentsplayground.yml` content (validated first). */
export function writePlaygroundConfig(path: string, config: PlaygroundConfig): void {
  validatePlaygroundConfig(config);
  const header = '# yaml-language-server: $schema=https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json\n';
  mkdirSync(dirname(path), { recursive: true });
  // Plain objects only: the Playground validates with additionalProperties: false.
  writeFileSync(path, header + stringify(JSON.parse(JSON.stringify(config)) as unknown, { lineWidth: 0 }), 'utf8');
}

export interface StartPlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Port to listen on (all interfaces). Default 0: the Playground picks a free one. If busy, it picks another: read `port`. */
  port?: number;
  config: PlaygroundConfig;
  /** Where the config, the log file and anything else it writes go (its cwd). Default: a new directory under the OS
   *  temp dir, removed by stop() unless `keepWorkDir`. */
  workDir?: string;
  keepWorkDir?: boolean;
  /** How long to wait for `/_debug/ping`. Default 30 s. */
  readyTimeoutMs?: number;
  /** Extra environment for the Playground (e.g. `DEFAULT_CHANNEL_ID`). */
  env?: Record<string, string>;
}

export interface PlaygroundHandle {
  /** http://localhost:<port> (the web UI and its APIs). Changes only if a restart had to take another port. */
  readonly url: string;
  readonly port: number;
  /** The config currently loaded. */
  readonly config: PlaygroundConfig;
  readonly configPath: string;
  readonly logFile: string;
  readonly workDir: string;
  /** Everything the Playground logged so far (it truncates the file on each start). */
  readLog(): string;
  /** Stops it and starts it again with another config (same port if still free); all chat history is lost. */
  restart(config?: PlaygroundConfig): Promise<void>;
  /** Kills the process (SIGTERM, SIGKILL after 5 s) and resolves once it has exited; then removes a temp workDir. */
  stop(): Promise<void>;
}

/** Environment keys the Playground reads that must not leak in from the caller's environment. */
const INHERITED_KEYS_TO_DROP =
  /^(M365_AGENTS_PLAYGROUND_|TEAMSAPPTESTER_|TEAMS_APP_TEST_TOOL_|APPLICATIONINSIGHTS_|APPLICATION_INSIGHTS_|APPINSIGHTS_|APPSETTING_APPINSIGHTS_|AUTH_CLIENT_ID$|AUTH_CLIENT_SECRET$|AUTH_TENANT_ID$|BOT_ENDPOINT$|DEFAULT_CHANNEL_ID$|SEND_INSTALLATION_ACTIVITY$)/;

function offlineEnv(workDir: string, configPath: string, logFile: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!INHERITED_KEYS_TO_DROP.test(key)) env[key] = value;
  const noProxy = [process.env.NO_PROXY ?? process.env.no_proxy, 'localhost', '127.0.0.1', '::1'].filter(Boolean).join(',');
  return {
    ...env,
    NO_PROXY: noProxy,
    no_proxy: noProxy,
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    M365_AGENTS_PLAYGROUND_RECORDING_FILE: join(workDir, 'events-recording.log'),
    // --disable-telemetry does not stop the bundled Application Insights SDK: exceptions and statsbeat still try
    // westus-0.in.applicationinsights.azure.com:443 (seen with a dns/net hook). These two keep it silent.
    APPLICATIONINSIGHTS_CONFIGURATION_CONTENT: JSON.stringify({ disableAppInsights: true, disableStatsbeat: true }),
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    ...extra,
  };
}

/** The CLI's JS entry, found through the installed package (no path is hard-coded). */
export function playgroundCliPath(): string {
  const packageJson = require.resolve('@microsoft/m365agentsplayground/package.json');
  const { bin } = JSON.parse(readFileSync(packageJson, 'utf8')) as { bin: Record<string, string> };
  const entry = bin.agentsplayground ?? Object.values(bin)[0];
  if (!entry) throw new Error('@microsoft/m365agentsplayground has no bin entry');
  return join(dirname(packageJson), entry);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** GET /_debug/ping without keep-alive (a pooled fetch() socket would keep the caller's process alive for seconds). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/_debug/ping', agent: false, timeout: 1000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve(response.statusCode === 200 && body === 'pong'));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

interface Running {
  child: ChildProcess;
  port: number;
  exited: Promise<void>;
}

function kill(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill(signal);
  } catch {
    /* already gone */
  }
}

async function launch(
  options: StartPlaygroundOptions,
  workDir: string,
  configPath: string,
  logFile: string,
  port: number,
): Promise<Running> {
  const args = [playgroundCliPath(), 'start', '--app-endpoint', options.botEndpoint, '--port', String(port), '--disable-telemetry'];
  const child = spawn(process.execPath, args, {
    cwd: workDir,
    env: offlineEnv(workDir, configPath, logFile, options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Not detached: it is a single process (no browser is opened, nothing else is spawned), and staying in our
    // process group means a Ctrl+C in the terminal stops it too.
  });
  let output = '';
  let exitInfo: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = `exited with ${signal ?? `code ${code}`}`;
      resolve();
    });
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const onParentExit = () => kill(child, 'SIGKILL');
  process.once('exit', onParentExit);
  void exited.then(() => process.removeListener('exit', onParentExit));

  const readLog = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  let actualPort: number | undefined;
  while (Date.now() < deadline) {
    if (exitInfo) {
      throw new Error(`The Agents Playground ${exitInfo} before it was ready.\nstdout/stderr:\n${output}\nlog (${logFile}):\n${readLog()}`);
    }
    actualPort ??= Number(/Listening on (\d+)/.exec(output)?.[1]) || undefined;
    if (actualPort && (await ping(actualPort))) return { child, port: actualPort, exited };
    await sleep(100);
  }
  kill(child, 'SIGKILL');
  await exited;
  throw new Error(
    `The Agents Playground was not ready after ${options.readyTimeoutMs ?? 30_000} ms.\nstdout/stderr:\n${output}\nlog:\n${readLog()}`,
  );
}

async function terminate(running: Running): Promise<void> {
  kill(running.child, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const killed = await Promise.race([
    running.exited.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 5000);
    }),
  ]);
  clearTimeout(timer);
  if (!killed) {
    kill(running.child, 'SIGKILL');
    await running.exited;
  }
}

/** Starts the Playground and resolves once `/_debug/ping` answers (≈1.5 s on a warm machine). */
export async function startPlayground(options: StartPlaygroundOptions): Promise<PlaygroundHandle> {
  validatePlaygroundConfig(options.config);
  // Absolute: the Playground runs with workDir as its own working directory and reads the paths it is given from
  // there, so a relative one (the demo's default DATA_DIR, .data/demo) would point it at a folder that does not exist,
  // and it would fall back to its built-in user and tenant, whose messages the bot refuses.
  const workDir = resolvePath(options.workDir ?? mkdtempSync(join(tmpdir(), 'agents-playground-')));
  const removeWorkDir = () => {
    if (!options.workDir && !options.keepWorkDir) rmSync(workDir, { recursive: true, force: true });
  };
  mkdirSync(workDir, { recursive: true });
  const configPath = join(workDir, '.m365agentsplayground.yml');
  const logFile = join(workDir, 'm365agentsplayground.log');
  let config = options.config;
  writePlaygroundConfig(configPath, config);
  let running: Running | undefined;
  try {
    running = await launch(options, workDir, configPath, logFile, options.port ?? 0);
  } catch (error) {
    removeWorkDir(); // the error message already holds the log
    throw error;
  }
  let port = running.port;

  return {
    get url() {
      return `http://localhost:${port}`;
    },
    get port() {
      return port;
    },
    get config() {
      return config;
    },
    configPath,
    logFile,
    workDir,
    readLog: () => {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    },
    async restart(next?: PlaygroundConfig) {
      if (running) await terminate(running);
      running = undefined;
      if (next) {
        writePlaygroundConfig(configPath, next);
        config = next;
      }
      running = await launch(options, workDir, configPath, logFile, port);
      port = running.port;
    },
    async stop() {
      const current = running;
      running = undefined;
      if (current) await terminate(current);
      removeWorkDir();
    },
  };
}
