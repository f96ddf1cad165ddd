import { TurnContext } from 'botbuilder';
import { OpenAIAnswerWriter } from '../../adapters/answers/openai-answer-writer';
import { createTeamsBot } from '../../adapters/bot/teams-bot';
import type { BotDependencies } from '../../adapters/bot/bot-dependencies';
import { requestPostureScan } from '../../adapters/jobs/posture-scan-job';
import type { loadKnowledgeBase } from '../../adapters/knowledge/knowledge-base';
import { AdminAuthorizer } from '../../use-cases/authorize-admin';
import type { Doctor } from '../../use-cases/run-doctor';
import { readMfaRequirement, readTenantPolicies } from '../../use-cases/read-tenant-policies';
import { smtpPostureLine } from '../../use-cases/read-smtp-readiness';
import type { AdminAnswerDeps } from '../../adapters/bot/admin/admin-answers';
import { postureRequirementLine } from '../../domain/policy/policy-report';
import { campaignAudienceDeps } from './campaigns';
import { DEFAULT_NUDGE_TARGET } from '../../domain/nudges/nudge-target';
import { budgetGate } from '../../domain/nudges/send-gates';
import { rememberedFor } from './remembered';
import { sendCampaignTest } from '../../use-cases/send-campaign-test';
import type { CampaignSlice } from './campaigns';
import type { GraphSlice } from './graph';
import { nudgeActions, type NudgeSlice } from './nudges';
import type { Platform } from './platform';
import type { PostureSlice } from './posture';
import type { TeamsSlice } from './teams';
import { ANSWER_WRITER_TIMEOUT_MS, ROLE_CHECK_CACHE_SECONDS } from './tuning';
import type { ReportsSlice } from './reports';
import { IANAZone } from 'luxon';
import { reportReferenceOf } from '../../adapters/bot/posture-report-post';
import type { ReportsHere } from '../../adapters/bot/admin/report-answer';
import { whereOf } from '../../adapters/bot/conversation-reference-mapper';

export type KnowledgeSlice = Awaited<ReturnType<typeof loadKnowledgeBase>>;

/** Everything the app does, as people reach it in Teams. */
export interface Capabilities {
  knowledge: KnowledgeSlice;
  graph: GraphSlice;
  teams: TeamsSlice;
  posture: PostureSlice;
  nudges: NudgeSlice;
  campaigns: CampaignSlice;
  doctor: Doctor;
  reports: ReportsSlice;
  /** The posture card's lines read outside the scan (postureLines), shared with the weekly report. */
  postureLines: ReturnType<typeof postureLines>;
}

/**
 * The posture card's lines read outside the scan, for `posture` and the weekly report alike: who Entra's policies
 * require to use MFA (read live at most every few minutes, not at each card), and the SMTP AUTH senders.
 */
export function postureLines(
  platform: Platform,
  { graph, posture, nudges }: Pick<Capabilities, 'graph' | 'posture' | 'nudges'>,
): Required<Pick<AdminAnswerDeps, 'mfaRequirement' | 'smtpLine'>> {
  const policyDeps = { policies: graph.tenantPolicies, people: posture.store };
  const smtp = nudges.smtpOwners.deps.owners;
  return {
    mfaRequirement: rememberedFor(POLICY_LINE_MINUTES * 60_000, platform.now, async () =>
      postureRequirementLine(await readMfaRequirement(policyDeps)),
    ),
    smtpLine: () => smtpPostureLine(smtp),
  };
}

/** The bot's routes and what they need. `publicUrl`: where browsers reach the bot, for export links (none: exports off). */
export function wireBot(platform: Platform, app: Capabilities, publicUrl: string | undefined) {
  const { config, now, logger } = platform;
  const { graph, teams, posture, nudges } = app;
  const deps: BotDependencies = {
    botName: config.bot.displayName,
    tenantId: config.tenantId,
    references: teams.references,
    directory: graph.directory,
    policy: posture.policy,
    nudgeTarget: config.nudges.policy.target ?? DEFAULT_NUDGE_TARGET,
    sendingHours: config.nudges.policy.sendingHours,
    liveChecks: nudges.liveChecks,
    logger,
    observeTurn: (route: string, seconds: number) => {
      platform.metrics.turns.inc({ route });
      platform.metrics.turnSeconds.observe({ route }, seconds);
    },
    now,
    privateSender: teams.privateSender,
    knowledge: app.knowledge.search,
    helpDesk: config.answers.helpDeskContact,
    ...answerWriter(platform),
    nudges: { actions: nudgeActions(platform, graph, teams, nudges, app.knowledge.articles) },
    campaigns: campaignDependencies(platform, app, publicUrl),
    admin: adminDependencies(platform, app, publicUrl),
  };
  return createTeamsBot(teams.adapter, deps, teams.botAppId);
}

/** Campaigns: who may run them, how they are managed, and where their exports are kept. */
function campaignDependencies(platform: Platform, app: Capabilities, publicUrl: string | undefined): BotDependencies['campaigns'] {
  const { config, now } = platform;
  const { graph, posture, campaigns } = app;
  return {
    // The same directory check as admins', on the campaign-manager groups.
    managers: new AdminAuthorizer(graph.directory, {
      groupIds: config.nudges.campaignManagerGroupIds,
      allowList: [],
      cacheSeconds: ROLE_CHECK_CACHE_SECONDS,
    }),
    // Resuming queues the next run and wakes the engine for the deliveries the pause held.
    manage: {
      campaigns: campaigns.store,
      scheduleNext: async (campaign) => {
        campaigns.engine.poke();
        return campaigns.scheduleNext(campaign);
      },
      now,
      defaultTarget: config.nudges.policy.target ?? DEFAULT_NUDGE_TARGET,
      audience: campaignAudienceDeps(graph, posture, app.nudges),
    },
    sendTest: (form, author) =>
      sendCampaignTest(
        {
          references: app.teams.references,
          installer: graph.installer,
          messenger: app.teams.messenger,
          classification: posture.policy,
          nudges: config.nudges.policy,
          now,
          gate: budgetGate(app.nudges.budget.take),
          ...(platform.overrides.chatAfterInstall ? { chatAfterInstall: platform.overrides.chatAfterInstall } : {}),
        },
        form,
        author,
      ),
    vault: posture.vault,
    publicUrl: () => publicUrl,
  };
}

function adminDependencies(platform: Platform, app: Capabilities, publicUrl: string | undefined): BotDependencies['admin'] {
  const { config } = platform;
  const { graph, posture, doctor } = app;
  const authorizer = new AdminAuthorizer(graph.directory, {
    groupIds: config.posture.adminGroupIds,
    roleTemplateIds: config.posture.adminRoleTemplateIds,
    allowList: config.posture.adminAllowList,
    cacheSeconds: ROLE_CHECK_CACHE_SECONDS,
  });
  const { store, auditLog } = posture;
  const smtp = app.nudges.smtpOwners.deps.owners;
  const policyDeps = { policies: graph.tenantPolicies, people: store };
  return {
    authorizer,
    auditLog,
    contact: config.posture.adminContact,
    doctor,
    policies: { read: () => readTenantPolicies(policyDeps) },
    policyChanges: policyChanges(config, graph),
    smtp,
    smtpNudge: (request) => app.nudges.smtpOwners.jobs.sendNowOrLater(request),
    answers: adminAnswers(platform, app, { ...app.postureLines, publicUrl }, app.reports),
  };
}

/** What the admin commands' answers need, for the turn at hand (a scan posts its result back into its conversation). */
function adminAnswers(
  { config, now, jobs }: Platform,
  { graph, posture, nudges }: Capabilities,
  extra: Pick<AdminAnswerDeps, 'mfaRequirement' | 'smtpLine'> & { publicUrl: string | undefined },
  reports: ReportsSlice,
): BotDependencies['admin']['answers'] {
  const { store, auditLog, vault, policy, rates, smtpSenders } = posture;
  return (context) => ({
    store,
    auditLog,
    directory: graph.directory,
    policy,
    rates,
    departmentMinSize: config.posture.departmentMinSize,
    now,
    ...(extra.mfaRequirement ? { mfaRequirement: extra.mfaRequirement } : {}),
    smtpLine: extra.smtpLine,
    targets: posture.targets,
    smtpSenderOf: async (id) => (await smtpSenders.smtpSendersByAccount([id]))[0],
    vault,
    publicUrl: () => extra.publicUrl,
    sendNudge: (request) => nudges.jobs.sendNowOrLater(request),
    // The scan's result is posted back into the conversation the admin asked in.
    requestScan: (requestedBy) =>
      requestPostureScan(jobs, { trigger: 'admin', requestedBy, replyTo: TurnContext.getConversationReference(context.activity) }),
    reportsHere: {
      store: reports.store,
      ...reportReferenceOf(TurnContext.getConversationReference(context.activity)),
      ...placeOf(context),
    },
  });
}

/**
 * Changing Entra's registration campaign from the `policy` card: members of the policy-admin group(s), checked as
 * admins are (the same directory check, other groups); with none configured, nobody may.
 */
function policyChanges(config: Platform['config'], graph: GraphSlice): BotDependencies['admin']['policyChanges'] {
  const groupIds = config.posture.policyAdminGroupIds;
  return {
    policies: graph.tenantPolicies,
    ...(groupIds.length > 0
      ? { policyAdmins: new AdminAuthorizer(graph.directory, { groupIds, allowList: [], cacheSeconds: ROLE_CHECK_CACHE_SECONDS }) }
      : {}),
  };
}

/** Model mode, off unless configured: a message turn has time to wait; an invoke (related-question button) does not ask. */
function answerWriter({ config, logger, overrides }: Platform): Pick<BotDependencies, 'answerWriter'> {
  const model = config.answers.model;
  if (!model) return {};
  logger.info({ answerModel: model.kind === 'azure' ? 'azure' : 'openai' }, 'answers are written by a model from the articles found');
  const timeoutMs = overrides.answerWriterTimeoutMs ?? ANSWER_WRITER_TIMEOUT_MS;
  return { answerWriter: { writer: new OpenAIAnswerWriter(model, { timeoutMs }), timeoutMs } };
}

const POLICY_LINE_MINUTES = 5;

/** Where a turn is, for `report`: the kind of conversation, and the admin's own time zone when Teams gave a real one. */
function placeOf(context: TurnContext): Pick<ReportsHere, 'where' | 'timeZone'> {
  const zone = context.activity.localTimezone;
  return { where: whereOf(context.activity), ...(typeof zone === 'string' && IANAZone.isValidZone(zone) ? { timeZone: zone } : {}) };
}
