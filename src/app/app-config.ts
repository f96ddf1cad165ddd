import type { BotCredential, TokenValidationConfig } from '../adapters/bot/bot-credential';
import type { GraphCredential } from '../adapters/graph/graph-credential';
import type { GraphCloud } from '../adapters/graph/graph-clouds';
import type { AnswerModelSettings } from '../adapters/answers/openai-answer-writer';
import type { NudgePolicy } from '../domain/nudges/nudge-policy';
import type { MetricsAccess } from './metrics-config';

/** What the app is told at start: read and checked once from the environment by config.ts. */
export type Mode = 'production' | 'demo';

export interface PostureConfig {
  /** Entra security groups whose members may use admin commands. */
  adminGroupIds: string[];
  /** Directory role template ids (e.g. Security Administrator's) whose holders may use admin commands too. */
  adminRoleTemplateIds: string[];
  /** Object ids treated as admins whatever their groups (bootstrap). */
  adminAllowList: string[];
  /**
   * Entra security groups whose (transitive) members may change Entra's registration campaign from the `policy`
   * card (with Policy.ReadWrite.AuthenticationMethod granted); none = nobody may, the card stays read-only.
   */
  policyAdminGroupIds: string[];
  /** SMTP_MAILBOX_OWNERS: a sending mailbox's UPN (lower case) → its owner's UPN, for mailboxes the directory gives no owner. */
  smtpMailboxOwners: ReadonlyMap<string, string>;
  /** Who non-admins are told to ask, e.g. "the IT security team (security@contoso.com)". */
  adminContact: string;
  scanCron: string;
  scanTimeZone: string;
  /** 'report' needs Entra ID P1/P2; 'perUserMethods' is the slower fallback. */
  registrationSource: 'report' | 'perUserMethods';
  rates: { includeGuests: boolean; includeDisabled: boolean };
  departmentMinSize: number;
  /** AUDIT_RETENTION_DAYS: audit entries older than this are deleted, once a day (default 365). */
  auditRetentionDays: number;
  /** ALERT_STRONG_DROP_POINTS: a fall of more than this in the share with strong MFA between two scans alerts the admins (default 5). */
  alertStrongDropPoints: number;
  /**
   * The share of enabled members the registration report must cover for a scan to be published (0–1). A report
   * cut off half-way would otherwise show everyone it missed as having no MFA.
   */
  minReportCoverage: number;
  /** Scan once right after start (the demo, so admins have figures at once). */
  scanOnStart: boolean;
}

export interface NudgeConfig {
  policy: NudgePolicy;
  /** The app's id in the tenant's Teams app catalog, for proactive install; unset = only people who installed the bot get nudges. */
  teamsAppCatalogId?: string;
  /** Teams' Bot Connector for a new 1:1 chat, when no activity has shown the tenant's own yet. */
  serviceUrl: string;
  /** A Teams channel (its conversation id, where the bot is installed) told when someone presses "I need help". */
  helpDeskConversationId?: string;
  /** Campaign sends per second for the whole tenant, shared by every bot instance. */
  campaignSendRate: number;
  /** Entra security groups whose (transitive) members may create and change reminder campaigns; none = nobody may. */
  campaignManagerGroupIds: string[];
}

export interface AppConfig {
  mode: Mode;
  /** `publicUrl`: how people's browsers reach this bot (for download links); the demo uses its own address. */
  server: { host: string; port: number; publicUrl?: string };
  tenantId: string;
  bot: { credential: BotCredential; tokenValidation: TokenValidationConfig; displayName: string };
  /** `cloud` decides the token's scope and sign-in host; `baseUrl` is where requests go (the cloud's Graph unless overridden). */
  graph: { cloud: GraphCloud; baseUrl: string; credential: GraphCredential };
  database: { url?: string; dataDir: string };
  posture: PostureConfig;
  nudges: NudgeConfig;
  /**
   * Where the answer engine sends people when it does not know, e.g. "the IT service desk, extension 4357";
   * `model`: only when set (OPENAI_API_KEY or AZURE_OPENAI_*), answers are written by a model from the articles found.
   */
  answers: { helpDeskContact: string; model?: AnswerModelSettings };
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  /** Who may read GET /metrics (see metrics-config.ts). */
  metrics: MetricsAccess;
}
