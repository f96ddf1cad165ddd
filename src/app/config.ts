import { z } from 'zod';
import type { BotCredential, TokenValidationConfig } from '../adapters/bot/bot-credential';
import type { GraphCredential } from '../adapters/graph/graph-credential';
import { GRAPH_CLOUD_NAMES, GRAPH_CLOUDS, isGraphCloud, type GraphCloud } from '../adapters/graph/graph-clouds';
import type { AnswerModelSettings } from '../adapters/answers/openai-answer-writer';
import { DEFAULT_FREQUENCY_CAP } from '../domain/nudges/frequency-cap';
import type { NudgePolicy } from '../domain/nudges/nudge-policy';
import { DEFAULT_NUDGE_TARGET, NUDGE_TARGETS } from '../domain/nudges/nudge-target';
import { parseSendingHours } from '../domain/nudges/quiet-hours';
import { DEFAULT_SNOOZE_POLICY, parseSnoozePolicy } from '../domain/nudges/snooze-policy';
import type { ErrorCode } from '../domain/errors';
import { isGuid } from '../domain/guid';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../use-cases/purge-audit-log';
import { DEFAULT_STRONG_DROP_POINTS } from '../domain/alerts/posture-alert';
import { readAnswerModel } from './answer-model-config';
import { checkHttpsUrl, checkUrl, isLoopback, isTimeZone, read, readIdList, type Env } from './config-reading';
import { readBotCredential, readGraphCredential } from './credential-config';
import { readMailboxOwners } from './smtp-config';
import { readMetricsAccess } from './metrics-config';

export { DEFAULT_AZURE_OPENAI_API_VERSION, DEFAULT_OPENAI_MODEL } from './answer-model-config';
export { isLoopback };

/**
 * The one reader of the environment. Everything the app needs is validated here, once, at start;
 * the rest of the code receives an `AppConfig` and never looks at process.env.
 */

export type { AppConfig, Mode, NudgeConfig, PostureConfig } from './app-config';
export type { BotCredential, TokenValidationConfig, GraphCredential, AnswerModelSettings };
import type { AppConfig, NudgeConfig, PostureConfig } from './app-config';

export class ConfigError extends Error {
  readonly errorCode: ErrorCode = 'CONFIG-INVALID';
  constructor(readonly problems: string[]) {
    super(
      `MFA Coach cannot start: its configuration is incomplete.\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Set them as environment variables (keep the secrets in your host\'s secret store). See README, "Run in production".',
    );
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const common = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  BOT_DISPLAY_NAME: z.string().default('MFA Coach'),
  ADMIN_CONTACT: z.string().default('your IT security team'),
  HELP_DESK_CONTACT: z
    .string()
    .max(200, 'must be at most 200 characters (who to ask, e.g. "the IT service desk, extension 4357")')
    .optional(),
  SCAN_CRON: z
    .string()
    .regex(/^\S+( \S+){4}$/, 'must be a cron expression of five fields, e.g. "0 3 * * *"')
    .default('0 3 * * *'),
  SCAN_TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris').default('UTC'),
  REGISTRATION_SOURCE: z.enum(['report', 'perUserMethods']).default('report'),
  RATES_INCLUDE_GUESTS: z.enum(['true', 'false']).default('false'),
  RATES_INCLUDE_DISABLED: z.enum(['true', 'false']).default('false'),
  SCAN_MIN_REPORT_COVERAGE: z.coerce
    .number()
    .min(0, 'must be a share from 0 to 1, e.g. 0.95')
    .max(1, 'must be a share from 0 to 1, e.g. 0.95')
    .default(0.95),
  NUDGE_SENDING_HOURS: z.string().default('09:00-17:00 Mon-Fri'),
  NUDGE_DEFAULT_TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris').default('UTC'),
  NUDGE_MAX_PER_PERIOD: z.coerce.number().int().min(1).max(50).default(DEFAULT_FREQUENCY_CAP.maxNudges),
  NUDGE_PERIOD_DAYS: z.coerce.number().min(0.01).max(365).default(DEFAULT_FREQUENCY_CAP.perDays),
  // What nudges and "status" ask people to set up; a campaign may choose otherwise. The message never echoes the value.
  NUDGE_TARGET: z.enum(NUDGE_TARGETS, { message: 'must be authenticator, passkey or either' }).default(DEFAULT_NUDGE_TARGET),
  SNOOZE_CHOICES_DAYS: z.string().default(DEFAULT_SNOOZE_POLICY.choicesDays.join(',')),
  SNOOZE_MAX_PER_SERIES: z.coerce.number().int().min(0).max(20).default(DEFAULT_SNOOZE_POLICY.maxPerSeries),
  BOT_SERVICE_URL: z.string().url().default('https://smba.trafficmanager.net/teams/'),
  // Teams allows an app about 50 requests a second per tenant; campaigns keep below it, across every instance.
  CAMPAIGN_SEND_RATE: z.coerce.number().int().min(1).max(1000).default(40),
  DEPARTMENT_MIN_SIZE: z.coerce.number().int().min(1).max(1000).default(5),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_AUDIT_RETENTION_DAYS),
  ALERT_STRONG_DROP_POINTS: z.coerce.number().min(0.1).max(100).default(DEFAULT_STRONG_DROP_POINTS),
});

function readPosture(env: Env, base: z.infer<typeof common>, problems: string[], adminGroupIds: string[]): PostureConfig {
  return {
    adminGroupIds,
    adminRoleTemplateIds: readIdList(env, 'ADMIN_ROLE_TEMPLATE_IDS', problems),
    adminAllowList: readIdList(env, 'ADMIN_ALLOW_LIST', problems),
    policyAdminGroupIds: readIdList(env, 'POLICY_ADMIN_GROUP_IDS', problems),
    smtpMailboxOwners: readMailboxOwners(env, problems),
    adminContact: base.ADMIN_CONTACT,
    scanCron: base.SCAN_CRON,
    scanTimeZone: base.SCAN_TIME_ZONE,
    registrationSource: base.REGISTRATION_SOURCE,
    rates: { includeGuests: base.RATES_INCLUDE_GUESTS === 'true', includeDisabled: base.RATES_INCLUDE_DISABLED === 'true' },
    departmentMinSize: base.DEPARTMENT_MIN_SIZE,
    auditRetentionDays: base.AUDIT_RETENTION_DAYS,
    alertStrongDropPoints: base.ALERT_STRONG_DROP_POINTS,
    minReportCoverage: base.SCAN_MIN_REPORT_COVERAGE,
    scanOnStart: false,
  };
}

/** Who people are sent to when the bot does not know the answer: HELP_DESK_CONTACT, or else the admin contact. */
function readAnswers(env: Env, base: z.infer<typeof common>, problems: string[]): AppConfig['answers'] {
  const model = readAnswerModel(env, problems);
  return { helpDeskContact: base.HELP_DESK_CONTACT?.trim() || base.ADMIN_CONTACT, ...(model ? { model } : {}) };
}

function readNudges(
  env: Env,
  base: z.infer<typeof common>,
  problems: string[],
  defaults: { sendingHours?: string; teamsAppCatalogId?: string; campaignManagerGroupIds?: string[] } = {},
): NudgeConfig {
  // Read from env, not only from `base`: when another setting is malformed `base` holds defaults, and every
  // problem should still be named at once.
  const policy: NudgePolicy = {
    sendingHours: parseSetting(
      problems,
      'NUDGE_SENDING_HOURS',
      () => parseSendingHours(read(env, 'NUDGE_SENDING_HOURS') ?? defaults.sendingHours ?? base.NUDGE_SENDING_HOURS),
      DEFAULT_SENDING_HOURS_FALLBACK,
    ),
    defaultTimeZone: base.NUDGE_DEFAULT_TIME_ZONE,
    cap: { maxNudges: base.NUDGE_MAX_PER_PERIOD, perDays: base.NUDGE_PERIOD_DAYS },
    snooze: parseSetting(
      problems,
      'SNOOZE_CHOICES_DAYS',
      () => parseSnoozePolicy(read(env, 'SNOOZE_CHOICES_DAYS') ?? base.SNOOZE_CHOICES_DAYS, base.SNOOZE_MAX_PER_SERIES),
      DEFAULT_SNOOZE_POLICY,
    ),
    target: base.NUDGE_TARGET,
  };
  const catalogId = read(env, 'TEAMS_APP_CATALOG_ID') ?? defaults.teamsAppCatalogId;
  if (catalogId && !isGuid(catalogId))
    problems.push("TEAMS_APP_CATALOG_ID must be a GUID: the app's id in the Teams app catalog (not the manifest id).");
  const helpDesk = read(env, 'HELP_DESK_CONVERSATION_ID');
  return {
    policy,
    ...(catalogId ? { teamsAppCatalogId: catalogId } : {}),
    serviceUrl: base.BOT_SERVICE_URL,
    ...(helpDesk ? { helpDeskConversationId: helpDesk } : {}),
    campaignSendRate: base.CAMPAIGN_SEND_RATE,
    campaignManagerGroupIds:
      read(env, 'CAMPAIGN_MANAGER_GROUP_IDS') !== undefined
        ? readIdList(env, 'CAMPAIGN_MANAGER_GROUP_IDS', problems)
        : (defaults.campaignManagerGroupIds ?? []),
  };
}

const DEFAULT_SENDING_HOURS_FALLBACK = { startHour: 9, endHour: 17, weekdays: [1, 2, 3, 4, 5] };

/** A setting read by a domain parser: its message names the setting, never echoes a secret. */
function parseSetting<T>(problems: string[], name: string, parse: () => T, fallback: T): T {
  try {
    return parse();
  } catch (error) {
    problems.push(`${name}: ${(error as Error).message}`);
    return fallback;
  }
}

/** Reads the settings shared by both modes; format errors name the setting, never its value. */
function readCommon(env: Env, problems: string[]): z.infer<typeof common> {
  const parsed = common.safeParse(env);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}.`);
  return common.parse({});
}

/** Production: every credential is required, and anything missing is reported together. */
export function loadProductionConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const base = readCommon(env, problems);
  const credential = readBotCredential(env, problems);
  const graphCredential = readGraphCredential(env, credential, problems);
  const tenantId = readTenantId(env, problems);
  const database = readProductionDatabase(env, problems);
  const tokenValidation = {
    openIdMetadataUrl: checkHttpsUrl(env, 'BOT_OPENID_METADATA_URL', problems),
    emulatorOpenIdMetadataUrl: checkHttpsUrl(env, 'BOT_EMULATOR_OPENID_METADATA_URL', problems),
    tokenIssuer: read(env, 'BOT_TOKEN_ISSUER'),
  };
  const graph = readGraphCloud(env, problems);
  const publicUrl = checkHttpsUrl(env, 'PUBLIC_BASE_URL', problems);
  checkHttpsUrl(env, 'BOT_SERVICE_URL', problems);
  const posture = readPosture(env, base, problems, readIdList(env, 'ADMIN_GROUP_IDS', problems));
  const nudges = readNudges(env, base, problems);
  const answers = readAnswers(env, base, problems);
  const metrics = readMetricsAccess(env, 'production', problems);
  if (posture.adminGroupIds.length === 0 && posture.adminRoleTemplateIds.length === 0 && posture.adminAllowList.length === 0) {
    problems.push(
      'ADMIN_GROUP_IDS: the object id(s) of the Entra security group(s) whose members may use admin commands (comma-separated); ' +
        'or ADMIN_ROLE_TEMPLATE_IDS: the template id(s) of directory roles whose holders may (e.g. 194ae4cb-b126-40b2-bd5b-6091b380977d, Security Administrator).',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    mode: 'production',
    server: { host: read(env, 'HOST') ?? '0.0.0.0', port: base.PORT, ...(publicUrl ? { publicUrl } : {}) },
    tenantId: tenantId!,
    bot: { credential, tokenValidation, displayName: base.BOT_DISPLAY_NAME },
    graph: { ...graph, credential: graphCredential },
    database,
    posture,
    nudges,
    answers,
    log: { level: base.LOG_LEVEL },
    metrics,
  };
}

/**
 * GRAPH_CLOUD picks the cloud: its Graph host and its sign-in host (see graph-clouds.ts). GRAPH_BASE_URL still
 * overrides where requests go (an emulator, a proxy); the token stays the cloud's.
 */
function readGraphCloud(env: Env, problems: string[]): { cloud: GraphCloud; baseUrl: string } {
  const name = (read(env, 'GRAPH_CLOUD') ?? 'public').toLowerCase();
  if (!isGraphCloud(name)) problems.push(`GRAPH_CLOUD must be one of ${GRAPH_CLOUD_NAMES.join(', ')} (default public).`);
  const cloud = isGraphCloud(name) ? name : 'public';
  return { cloud, baseUrl: checkHttpsUrl(env, 'GRAPH_BASE_URL', problems) ?? GRAPH_CLOUDS[cloud].graphOrigin };
}

function readTenantId(env: Env, problems: string[]): string | undefined {
  const tenantId = read(env, 'TENANT_ID');
  if (!tenantId)
    problems.push(
      'TENANT_ID: the Microsoft Entra tenant (directory) ID that MFA Coach serves; activities from any other tenant are refused.',
    );
  else if (!isGuid(tenantId)) problems.push('TENANT_ID must be a GUID (the Directory (tenant) ID).');
  return tenantId;
}

/** A PostgreSQL server, or a folder for the embedded database: one of the two. */
function readProductionDatabase(env: Env, problems: string[]): AppConfig['database'] {
  const databaseUrl = checkUrl(env, 'DATABASE_URL', problems);
  const dataDir = read(env, 'DATA_DIR');
  if (!databaseUrl && !dataDir)
    problems.push(
      'DATABASE_URL (a PostgreSQL server, e.g. postgres://user@host:5432/mfacoach) or DATA_DIR (a folder for the embedded database).',
    );
  return { url: databaseUrl, dataDir: dataDir ?? '.data' };
}

/**
 * Demo: no credentials at all. The bot is anonymous, so it listens on loopback only;
 * the tenant and Graph come from the local demo tenant and its Graph emulator.
 */
export function loadDemoConfig(
  env: Env,
  demo: {
    tenantId: string;
    graphBaseUrl: string;
    adminGroupIds?: string[];
    campaignManagerGroupIds?: string[];
    teamsAppCatalogId?: string;
    /** The Graph emulator's token: it carries the permissions the demo grants (see scripts/demo-graph-token.ts). */
    graphToken?: string;
  },
): AppConfig {
  const problems: string[] = [];
  const base = readCommon(env, problems);
  const host = read(env, 'HOST') ?? '127.0.0.1';
  if (!isLoopback(host))
    problems.push('HOST: demo mode has no bot credentials, so it only listens on loopback (127.0.0.1, ::1 or localhost).');
  const databaseUrl = checkUrl(env, 'DATABASE_URL', problems);
  const posture = { ...readPosture(env, base, problems, demo.adminGroupIds ?? []), scanOnStart: true };
  // A demo runs whenever someone tries it, evenings and weekends too: nudges may go at any hour unless set.
  const nudges = readNudges(env, base, problems, {
    sendingHours: 'always',
    ...(demo.teamsAppCatalogId ? { teamsAppCatalogId: demo.teamsAppCatalogId } : {}),
    campaignManagerGroupIds: demo.campaignManagerGroupIds ?? [],
  });
  const answers = readAnswers(env, base, problems);
  const metrics = readMetricsAccess(env, 'demo', problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    mode: 'demo',
    server: { host, port: base.PORT },
    tenantId: demo.tenantId,
    bot: { credential: { kind: 'anonymous' }, tokenValidation: {}, displayName: base.BOT_DISPLAY_NAME },
    graph: { cloud: 'public', baseUrl: demo.graphBaseUrl, credential: { kind: 'static', token: demo.graphToken ?? 'demo' } },
    database: { url: databaseUrl, dataDir: read(env, 'DATA_DIR') ?? '.data/demo' },
    posture,
    nudges,
    answers,
    log: { level: base.LOG_LEVEL },
    metrics,
  };
}
