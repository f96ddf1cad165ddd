import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import {
  CAMPAIGN_MANAGERS_GROUP,
  MFA_COACH_ADMINS_GROUP,
  demoPersonas,
  generateDemoTenant,
  type DemoTenant,
  type DemoUser,
} from '../emulators/demo-tenant';
import { startGraphEmulator, type GraphEmulator } from '../emulators/graph';
import { loadDemoConfig, type AppConfig } from '../src/app/config';
import { startApp, type RunningApp } from '../src/app/create-app';
import { demoGraphToken } from './demo-graph-token';
import { claimDemoData, ensurePortsFree } from './demo-guard';
import { startTerminalChat, type TerminalChat } from './terminal-chat';
import {
  buildPlaygroundConfig,
  playgroundUser,
  startPlayground,
  type PlaygroundHandle,
  type PlaygroundUser,
} from './playground/start-playground';

/**
 * The demo's parts, started in order: the Graph emulator with the demo tenant, the bot pointed at it, and
 * the Agents Playground pointed at the bot, chatting as one of the tenant's people. Used by `npm run demo`
 * and by the end-to-end browser test, so the test covers what a person gets.
 */
export type Persona = 'employee' | 'admin';

export interface DemoOptions {
  persona: Persona;
  /** The environment the bot's demo config is read from (PORT, DATA_DIR, LOG_LEVEL…). */
  env: Record<string, string | undefined>;
  playgroundPort: number;
  /** Forget the stored data first. */
  fresh?: boolean;
  users?: number;
  /**
   * Also a Playground for the other persona, on this port (0: any free one): the admin creates a campaign in
   * theirs while the employee gets the nudge in their own, side by side.
   */
  otherPlaygroundPort?: number;
  /** The bot's clock, for tests that must not depend on the day they run; `npm run demo` reads the real one. */
  now?: () => Date;
}

export interface Demo {
  tenant: DemoTenant;
  me: DemoUser;
  config: AppConfig;
  app: RunningApp;
  graph: GraphEmulator;
  playground: PlaygroundHandle;
  /** The other persona, typing in the demo's terminal (the employee demo's admin, or the admin demo's employee). */
  other: TerminalChat;
  /** The other persona's own Playground, when asked for. */
  otherPlayground?: PlaygroundHandle;
  startedInSeconds: number;
  stop(): Promise<void>;
}

function asPlaygroundUser(user: DemoUser): PlaygroundUser {
  return playgroundUser({
    aadObjectId: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    givenName: user.givenName ?? undefined,
    surname: user.surname ?? undefined,
    mail: user.mail,
  });
}

/** The Playground's other people: the other persona and colleagues from the same tenant. */
function colleagues(tenant: DemoTenant, current: DemoUser, other: DemoUser): PlaygroundUser[] {
  const rest = tenant.users
    .filter((u) => u.id !== current.id && u.id !== other.id && u.accountEnabled && u.userType === 'Member')
    .slice(0, 4);
  return [other, ...rest].map(asPlaygroundUser);
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const started = performance.now();
  const tenant = generateDemoTenant({ users: options.users ?? 500 });
  const people = demoPersonas(tenant);
  const me = people[options.persona];
  const other = options.persona === 'admin' ? people.employee : people.admin;

  // The demo's sign-in log is the 30 days before the bot's "now", so `smtp` finds its senders whatever day is given.
  const graph = await startGraphEmulator({ tenant, logNotImplemented: true, signInsAnchor: options.now?.() ?? new Date() });
  const admins = tenant.groups.find((g) => g.displayName === MFA_COACH_ADMINS_GROUP);
  // The admins group is nested in the campaign managers group: the demo's admin may run campaigns too.
  const managers = tenant.groups.find((g) => g.displayName === CAMPAIGN_MANAGERS_GROUP);
  const config = loadDemoConfig(options.env, {
    tenantId: tenant.tenantId,
    graphBaseUrl: graph.url,
    adminGroupIds: admins ? [admins.id] : [],
    campaignManagerGroupIds: managers ? [managers.id] : [],
    teamsAppCatalogId: tenant.teamsAppId,
    graphToken: demoGraphToken(tenant.tenantId),
  });
  // The demo's admins may change the registration campaign from the `policy` card, unless POLICY_ADMIN_GROUP_IDS says who.
  if (admins && config.posture.policyAdminGroupIds.length === 0) config.posture.policyAdminGroupIds = [admins.id];
  // Checked before anything is touched: a second demo must not delete (--fresh) or share the running one's data.
  const playgroundPorts = [
    { port: options.playgroundPort, setting: 'PLAYGROUND_PORT', what: 'the Playground' },
    ...(options.otherPlaygroundPort === undefined
      ? []
      : [{ port: options.otherPlaygroundPort, setting: 'OTHER_PLAYGROUND_PORT', what: "the other person's Playground" }]),
  ];
  let release: () => Promise<void>;
  try {
    await ensurePortsFree('127.0.0.1', [{ port: config.server.port, setting: 'PORT', what: 'the bot' }, ...playgroundPorts]);
    release = await claimDemoData(config.database.dataDir);
  } catch (error) {
    await graph.close();
    throw error;
  }
  if (options.fresh) {
    await rm(config.database.dataDir, { recursive: true, force: true });
    await claimDemoData(config.database.dataDir);
  }
  const app = await startApp(config, options.now ? { now: options.now } : {});
  // One Playground per persona, started together: each is a Teams-like client where that person chats.
  const playgroundFor = (person: DemoUser, colleague: DemoUser, port: number, folder: string) =>
    startPlayground({
      botEndpoint: `${app.url}/api/messages`,
      port,
      workDir: join(config.database.dataDir, folder),
      keepWorkDir: true,
      config: buildPlaygroundConfig({
        tenantId: tenant.tenantId,
        bot: { id: `28:${tenant.botAppId}`, name: config.bot.displayName },
        currentUser: asPlaygroundUser(person),
        users: colleagues(tenant, person, colleague),
      }),
    });
  const [playground, otherPlayground] = await Promise.all([
    playgroundFor(me, other, options.playgroundPort, 'playground'),
    options.otherPlaygroundPort === undefined ? undefined : playgroundFor(other, me, options.otherPlaygroundPort, 'playground-other'),
  ]);
  const otherConsole = await startTerminalChat({ botUrl: `${app.url}/api/messages`, tenant, person: other });
  return {
    tenant,
    me,
    config,
    app,
    graph,
    playground,
    other: otherConsole,
    ...(otherPlayground ? { otherPlayground } : {}),
    startedInSeconds: (performance.now() - started) / 1000,
    async stop() {
      await playground.stop().catch(() => undefined);
      await otherPlayground?.stop().catch(() => undefined);
      await otherConsole.close().catch(() => undefined);
      await app.stop().catch(() => undefined);
      await release().catch(() => undefined);
      await graph.close().catch(() => undefined);
    },
  };
}
