import {
  activityFactory,
  startConnectorEmulator,
  type ActivityFactory,
  type ConnectorEmulator,
  type ConnectorEmulatorOptions,
  type ConversationType,
  type TeamsUser,
} from '../../emulators/connector';
import { MFA_COACH_ADMINS_GROUP, type DemoGroup, type DemoTenant } from '../../emulators/demo-tenant';
import { startGraphEmulator, type GraphEmulator, type GraphEmulatorOptions } from '../../emulators/graph';
import { SqlAuditLog } from '../../src/adapters/storage/sql-audit-log';
import { SqlConversationReferenceStore } from '../../src/adapters/storage/sql-conversation-reference-store';
import { SqlNudgeStore } from '../../src/adapters/storage/sql-nudge-store';
import { SqlPostureStore } from '../../src/adapters/storage/sql-posture-store';
import type { RunningApp } from '../../src/app/create-app';
import type { AuditEntry, AuditLog } from '../../src/domain/ports/audit-log';
import type { NudgeStore } from '../../src/domain/ports/nudge-store';
import type { PostureStore } from '../../src/domain/ports/posture-store';
import { startTestApp, type DatabaseChoice, type TestApp } from './app-harness';

/** The whole product over HTTP: the Bot Connector and Graph emulators, the app between them, and activities to send it. */
export interface EndToEnd {
  connector: ConnectorEmulator;
  graph: GraphEmulator;
  harness: TestApp;
  teams: ActivityFactory;
  stop(): Promise<void>;
}

export interface EndToEndOptions {
  tenant: DemoTenant;
  database: DatabaseChoice;
  /** The bot's app id in activities (default: the tenant's bot). */
  botId?: string;
  graph?: Partial<GraphEmulatorOptions>;
  connector?: ConnectorEmulatorOptions;
  app?: Omit<Parameters<typeof startTestApp>[0], 'database' | 'tenantId' | 'graphBaseUrl'>;
}

export async function startEndToEnd(options: EndToEndOptions): Promise<EndToEnd> {
  const { tenant } = options;
  const connector = await startConnectorEmulator(options.connector);
  const graph = await startGraphEmulator({ tenant, ...options.graph });
  const harness = await startTestApp({ database: options.database, tenantId: tenant.tenantId, graphBaseUrl: graph.url, ...options.app });
  const teams = activityFactory({ serviceUrl: connector.url, botId: options.botId ?? tenant.botAppId, tenantId: tenant.tenantId });
  return {
    connector,
    graph,
    harness,
    teams,
    async stop() {
      await harness.stop();
      await connector.close();
      await graph.close();
    },
  };
}

/** A card, as the bot sends it or answers a button with. */
export type Card = {
  type?: string;
  version?: string;
  body?: unknown[];
  actions?: { type: string; title: string; verb?: string; url?: string; data?: Record<string, unknown>; card?: Card }[];
  refresh?: { action: { verb: string; data: Record<string, unknown> } };
};

/** The words of a card, an activity or a request, as JSON: cards escape markdown ("\\("), so the escapes go. */
export const wordsOf = (value: unknown): string => JSON.stringify(value).replace(/\\\\/g, '');

/** Every object in a card, depth first. */
export function cardParts(value: unknown): { type?: string; [key: string]: unknown }[] {
  if (Array.isArray(value)) return value.flatMap(cardParts);
  if (value && typeof value === 'object') return [value as { type?: string }, ...Object.values(value).flatMap(cardParts)];
  return [];
}

/** The addresses a card's links (Action.OpenUrl) open. */
export const cardLinks = (card: unknown): string[] =>
  cardParts(card)
    .filter((part) => part.type === 'Action.OpenUrl')
    .map((part) => part.url as string);

/** Someone of the demo tenant as Teams names them in activities. */
export const teamsUser = (person: { id: string; displayName: string }): TeamsUser => ({ aadObjectId: person.id, name: person.displayName });

/** The tenant's MFA Coach admins group. */
export const adminsGroupOf = (tenant: DemoTenant): DemoGroup => tenant.groups.find((g) => g.displayName === MFA_COACH_ADMINS_GROUP)!;

/** The card a message carries (its first attachment). */
export const cardOf = (activity: Readonly<Record<string, unknown>>): Card =>
  (activity as { attachments: { content: Card }[] }).attachments[0]!.content;

/** The nudge a nudge card is about (its refresh carries it). */
export const nudgeIdOf = (card: unknown): string => String((card as Card).refresh!.action.data.nudgeId);

/**
 * What the app keeps, read back through its own stores on its own database: the same ports the product records
 * and reads its facts through, so a test sees what the product would.
 */
export interface ProductStores {
  audit: AuditLog;
  nudges: NudgeStore;
  posture: PostureStore;
  /** Where the bot may write to people, and any conversation it was installed in by id. */
  conversations: SqlConversationReferenceStore;
}

export function productStores(app: Pick<RunningApp, 'database'>): ProductStores {
  const db = app.database;
  return {
    audit: new SqlAuditLog(db),
    nudges: new SqlNudgeStore(db),
    posture: new SqlPostureStore(db),
    conversations: new SqlConversationReferenceStore(db),
  };
}

/** One end-to-end suite's product, with the words its tests speak: people say things, press buttons, see cards. */
export interface EndToEndSuite {
  readonly connector: ConnectorEmulator;
  readonly graph: GraphEmulator;
  readonly harness: TestApp;
  readonly teams: ActivityFactory;
  readonly stores: ProductStores;
  /** The 1:1 chat between the bot and this person. */
  personal(user: TeamsUser): string;
  /** Each person adds the bot for themselves (Teams' installation update), so that it knows their 1:1 chat. */
  install(...users: TeamsUser[]): Promise<void>;
  /** The person writes to the bot: in their 1:1 chat, or in a team's channel or a group chat, mentioning it. */
  say(user: TeamsUser, words: string, conversationType?: ConversationType): Promise<{ status: number; body: string }>;
  /** The person presses a card's button; Teams is answered (200) with the card that replaces it, which this answers. */
  press<C = Card>(user: TeamsUser, verb: string, data?: Record<string, unknown>, replyToId?: string): Promise<C>;
  /** The person writes to the bot in their 1:1 chat and gets exactly one card there (the chat is empty before). */
  onlyCardFor(user: TeamsUser, words: string): Promise<Card>;
  /** The cards the person received in their 1:1 chat, oldest first. */
  cardsTo(user: TeamsUser): Card[];
  /** Everything the bot posted in the person's 1:1 chat, as words. */
  saidTo(user: TeamsUser): string;
  /** Every entry of the audit log, oldest first. */
  auditTrail(): Promise<AuditEntry[]>;
}

export interface SuiteSetUp {
  /** People who add the bot for themselves once it runs. */
  installFor?: TeamsUser[];
  /** Forget what Teams received before each test (default true). */
  clearBetweenTests?: boolean;
}

/**
 * Starts the product before the tests of the enclosing describe and stops it after them; answers the suite, whose
 * parts are there once the tests run. Give the options of startEndToEnd, or a start of the test's own.
 */
export function useEndToEnd(start: EndToEndOptions | (() => Promise<EndToEnd>), setUp: SuiteSetUp = {}): EndToEndSuite {
  let e2e: EndToEnd | undefined;
  let stores: ProductStores | undefined;
  const running = (): EndToEnd => {
    if (!e2e) throw new Error('The product is not running: use the suite inside its tests, once beforeAll has started it');
    return e2e;
  };

  beforeAll(async () => {
    e2e = typeof start === 'function' ? await start() : await startEndToEnd(start);
    stores = productStores(e2e.harness.app);
    await suite.install(...(setUp.installFor ?? []));
  });
  afterAll(async () => {
    await e2e?.stop();
    e2e = undefined;
  });
  if (setUp.clearBetweenTests ?? true) beforeEach(() => running().connector.clear());

  const suite: EndToEndSuite = {
    get connector() {
      return running().connector;
    },
    get graph() {
      return running().graph;
    },
    get harness() {
      return running().harness;
    },
    get teams() {
      return running().teams;
    },
    get stores() {
      running();
      return stores!;
    },
    personal: (user) => running().teams.personalConversationId(user),
    async install(...users) {
      const { harness, teams } = running();
      for (const user of users) await harness.post(teams.anInstallationUpdate({ action: 'add', scope: 'personal', user }));
    },
    say: (user, words, conversationType) => running().harness.post(running().teams.aMessage({ text: words, user, conversationType })),
    async press<C>(user: TeamsUser, verb: string, data: Record<string, unknown> = {}, replyToId?: string) {
      const { harness, teams } = running();
      const { status, body } = await harness.post(teams.anAdaptiveCardInvoke({ verb, data, user, ...(replyToId ? { replyToId } : {}) }));
      expect({ verb, status }).toEqual({ verb, status: 200 });
      return (JSON.parse(body) as { value: C }).value;
    },
    async onlyCardFor(user, words) {
      await suite.say(user, words);
      const cards = suite.cardsTo(user);
      expect(cards).toHaveLength(1);
      return cards[0]!;
    },
    cardsTo: (user) => running().connector.cards(suite.personal(user)) as Card[],
    saidTo: (user) =>
      running()
        .connector.activities(suite.personal(user))
        .map((a) => wordsOf(a.activity))
        .join('\n'),
    auditTrail: async () => (await suite.stores.audit.latest(10_000)).reverse(),
  };
  return suite;
}
