import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { CampaignDeliveryEngine } from '../adapters/jobs/campaign-delivery-engine';
import { runSummarySender } from '../adapters/bot/campaign-run-summary';
import { CampaignEscalationJobs } from '../adapters/jobs/campaign-escalation-job';
import type { CampaignRun } from '../domain/campaigns/campaign-run';
import { escalateUnanswered, type EscalationReport } from '../use-cases/escalate-unanswered';
import { CampaignRunJobs } from '../adapters/jobs/campaign-run-job';
import type { Campaign } from '../domain/campaigns/campaign';
import { SqlCampaignStore } from '../adapters/storage/sql-campaign-store';
import { SqlSendRate } from '../adapters/storage/sql-send-rate';
import type { CampaignStore } from '../domain/ports/campaign-store';
import { startCampaignRun, type StartRunResult } from '../use-cases/start-campaign-run';
import type { DestinationStream } from 'pino';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { createTeamsAdapter } from '../adapters/bot/teams-adapter-factory';
import { createTeamsBot } from '../adapters/bot/teams-bot';
import { openDatabase } from '../adapters/storage/open-database';
import { migrate } from '../adapters/storage/migrate';
import { SqlBotStorage } from '../adapters/storage/sql-bot-storage';
import { SqlConversationReferenceStore } from '../adapters/storage/sql-conversation-reference-store';
import { createGraphClient, tokenSourceFor } from '../adapters/graph/graph-client';
import { GraphDirectory } from '../adapters/graph/graph-directory';
import { REPORTS_BUDGET } from '../adapters/graph/reports-budget';
import { whileDatabaseStarts } from './database-start';
import { RequestPacer, type PacerBudget } from '../adapters/request-pacer';
import { InMemoryLiveCheckBudget } from '../adapters/in-memory-live-check-budget';
import type { LiveCheckWindow } from '../domain/mfa/live-check-limit';
import { PgBossJobEngine } from '../adapters/jobs/pg-boss-job-engine';
import { registerHeartbeatJob } from '../adapters/jobs/heartbeat-job';
import type { Database } from '../adapters/storage/database';
import { TurnContext, type ConversationReference } from 'botbuilder';
import { scanResultCard } from '../adapters/bot/admin/scan-result-card';
import { asAttachment } from '../adapters/bot/cards/card-template';
import { PrivateSender } from '../adapters/bot/private-sender';
import { registerPostureScanJob, requestPostureScan } from '../adapters/jobs/posture-scan-job';
import { SqlAuditLog } from '../adapters/storage/sql-audit-log';
import { SqlDownloadVault } from '../adapters/storage/sql-download-vault';
import { SqlPostureStore } from '../adapters/storage/sql-posture-store';
import { DEFAULT_CLASSIFICATION_POLICY } from '../domain/mfa/mfa-strength';
import { loadKnowledgeBase } from '../adapters/knowledge/knowledge-base';
import { AdminAuthorizer } from '../use-cases/authorize-admin';
import { pacedNudge } from '../use-cases/paced-nudge';
import { sendNudge, type SendNudgeDeps } from '../use-cases/send-nudge';
import type { NudgeActionDeps } from '../use-cases/act-on-nudge';
import { SqlNudgeStore } from '../adapters/storage/sql-nudge-store';
import { GraphAppInstaller } from '../adapters/graph/graph-app-installer';
import { TeamsMessenger } from '../adapters/bot/teams-messenger';
import { ChannelHelpDesk } from '../adapters/bot/channel-help-desk';
import { NudgeJobs } from '../adapters/jobs/nudge-job';
import { helpArticleFor } from '../adapters/knowledge/help-article';
import { OpenAIAnswerWriter } from '../adapters/answers/openai-answer-writer';
import { scanTenant } from '../use-cases/scan-tenant';
import type { AppConfig } from './config';
import { createLogger, type Logger } from './logger';
import { createHttpServer } from './server';

/** Deletes expired exports nobody fetched, every five minutes. */
const EXPIRED_EXPORTS_JOB = 'expired-exports';

/** Test seams only: production wiring uses the defaults. */
export interface AppOverrides {
  /** Outbound Bot Connector credentials (tests point replies at a local connector without signing in). */
  botCredentialsFactory?: ServiceClientCredentialsFactory;
  logDestination?: DestinationStream;
  logger?: Logger;
  /** The tenant's reports budget (default Graph's 5 requests per 10 s), for tests that recheck often. */
  reportsBudget?: PacerBudget;
  /** The clock, for tests of sending hours and snoozes. */
  now?: () => Date;
  /** How long a start waits for the database to answer (default 60 s). */
  databaseStartWaitMs?: number;
  /** Each person's live-check limits (default 3 a minute and 20 an hour), for tests that recheck often. */
  liveCheckLimits?: readonly LiveCheckWindow[];
  /** Another knowledge folder than the top-level knowledge/ (tests of a malformed article). */
  knowledgeDir?: string;
  /** How long a turn waits for a model-written answer (default 8 s), for tests of the fallback. */
  answerWriterTimeoutMs?: number;
  /** How long a campaign nudge is given to be answered before it counts towards escalation (default a day). */
  campaignEscalationGraceMs?: number;
}

export interface RunningApp {
  url: string;
  port: number;
  logger: Logger;
  /** The app's own database, for operators' checks and tests; the app keeps ownership (stop() closes it). */
  database: Database;
  /** Campaigns: their store, and starting a run (the engine then delivers it). */
  campaigns: {
    store: CampaignStore;
    startRun(campaignId: string, scheduledFor: Date): Promise<StartRunResult>;
    /** Queues the campaign's next run as a job (on creation, on resume); undefined when none is left. */
    scheduleNext(campaign: Campaign): Promise<Date | undefined>;
    /** Runs the campaign's escalation check now (a job does it after each run). */
    escalate(campaignId: string): Promise<EscalationReport>;
  };
  /** Graceful stop: no new turns, running turns and jobs finish (or are released), then the database closes. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/** The composition root: the only place that knows every concrete class. */
export async function startApp(config: AppConfig, overrides: AppOverrides = {}): Promise<RunningApp> {
  const logger = overrides.logger ?? createLogger(config.log.level, overrides.logDestination);
  // Before anything opens: a malformed article stops the start, naming the file and the problem.
  const knowledge = await loadKnowledgeBase(overrides.knowledgeDir);
  logger.info({ articles: knowledge.articles.length }, 'knowledge base loaded');
  const db = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir });
  let jobs: PgBossJobEngine | undefined;
  try {
    const { applied } = await whileDatabaseStarts(() => migrate(db), logger, overrides.databaseStartWaitMs);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');

    // A fresh engine for each try: pg-boss does not start again after a start that failed half-way.
    jobs = await whileDatabaseStarts(async () => {
      const attempt = new PgBossJobEngine(db, { logger });
      await attempt.start();
      return attempt;
    }, logger, overrides.databaseStartWaitMs);
    const engine = jobs;
    await registerHeartbeatJob(engine, db);

    const now = overrides.now ?? (() => new Date());
    const botAppId = config.bot.credential.kind === 'anonymous' ? undefined : config.bot.credential.appId;
    const adapter = createTeamsAdapter(config.bot.credential, config.tenantId, config.bot.tokenValidation, overrides.botCredentialsFactory);
    const graphToken = tokenSourceFor(config.graph.credential, config.tenantId);
    const registrationSource = config.posture.registrationSource;
    // One pacer for the tenant's reports budget, shared by scans and live rechecks. Turns must answer within
    // seconds, so their directory gives up quickly (busy or failing Graph → "try later"); the scan is patient.
    const reportsPacer = new RequestPacer(overrides.reportsBudget ?? REPORTS_BUDGET);
    const graphClient = createGraphClient(config.graph.baseUrl, graphToken);
    const turnRetry = { maxThrottleRetries: 1, maxTransientRetries: 1, baseDelayMs: 500, maxDelayMs: 1000, maxRetryAfterMs: 2000, attemptTimeoutMs: 4000 };
    const directory = new GraphDirectory(graphClient, { registrationSource, reportsPacer, maxPacerWaitMs: 2000, retry: turnRetry });
    // One share per person for "status" and "I've done it" together, so nobody can spend that budget alone.
    const liveChecks = new InMemoryLiveCheckBudget(overrides.liveCheckLimits);
    const scanDirectory = new GraphDirectory(graphClient, { registrationSource, reportsPacer, log: logger });
    const references = new SqlConversationReferenceStore(db);
    const store = new SqlPostureStore(db);
    const auditLog = new SqlAuditLog(db);
    const vault = new SqlDownloadVault(db);
    // Exports nobody fetched hold personal data: they go as soon as their links expire, not at the next export.
    await engine.work(EXPIRED_EXPORTS_JOB, async () => {
      await vault.purgeExpired(now());
    });
    await engine.schedule(EXPIRED_EXPORTS_JOB, '*/5 * * * *', 'UTC');
    let publicUrl = config.server.publicUrl;
    const posture = { policy: DEFAULT_CLASSIFICATION_POLICY, rates: config.posture.rates };

    await registerPostureScanJob(engine, { cron: config.posture.scanCron, timeZone: config.posture.scanTimeZone }, async (data) => {
      const outcome = await scanTenant({ directory: scanDirectory, store, ...posture, now, minReportCoverage: config.posture.minReportCoverage }, data.trigger, data.requestedBy);
      logger.info({ trigger: data.trigger, outcome: outcome.kind, ...(outcome.kind === 'failed' ? { error: outcome.error } : {}) }, 'posture scan ended');
      if (outcome.kind === 'completed' && outcome.stats.directoryTotalsError) {
        logger.warn({ error: outcome.stats.directoryTotalsError }, "the directory's own registration totals could not be read; the scan completed without them");
      }
      if (!data.replyTo) return;
      await adapter.continueConversationAsync(botAppId ?? '', data.replyTo as Partial<ConversationReference>, async (context) => {
        await context.sendActivity({ attachments: [asAttachment(scanResultCard(outcome, now()))] });
      });
    });

    if (config.posture.scanOnStart) await requestPostureScan(engine, { trigger: 'schedule' });

    const nudgeStore = new SqlNudgeStore(db);
    const nudgeSending: SendNudgeDeps = {
      directory,
      store: nudgeStore,
      references,
      // Brief, like the turn's directory: a longer throttle becomes "throttled" and a queued retry, not a stuck turn.
      installer: new GraphAppInstaller(graphClient, config.nudges.teamsAppCatalogId, turnRetry),
      messenger: new TeamsMessenger(adapter, {
        botAppId: botAppId ?? '',
        tenantId: config.tenantId,
        endpoint: async () => {
          const latest = await references.latestBotEndpoint();
          return { serviceUrl: latest.serviceUrl ?? config.nudges.serviceUrl, botId: botAppId ? `28:${botAppId}` : (latest.botId ?? '28:') };
        },
      }),
      policy: posture.policy,
      nudges: config.nudges.policy,
      now,
    };
    // Campaign deliveries: every instance runs the engine; claims and the shared send budget keep them apart.
    const campaignStore = new SqlCampaignStore(db);
    const privateSender = new PrivateSender(adapter, references, botAppId ?? '');
    const sendRunSummary = runSummarySender(privateSender, campaignStore, now, logger);
    const escalationGraceMs = overrides.campaignEscalationGraceMs ?? 24 * 3600_000;
    const escalate = (campaignId: string) => escalateUnanswered({
      ...nudgeSending, campaigns: campaignStore, pace: () => campaignEngine.takeSendSlot(), graceMs: escalationGraceMs,
    }, campaignId);
    const escalations = new CampaignEscalationJobs(engine, escalate, logger, now);
    // After each run: its nudges get their time to be answered before managers hear; its owner hears now.
    const onRunFinished = async (run: CampaignRun) => {
      await escalations.queue(run.campaignId, escalationGraceMs);
      await sendRunSummary(run);
    };
    const campaignEngine = new CampaignDeliveryEngine(
      {
        store: campaignStore,
        send: (request) => sendNudge(nudgeSending, request),
        scanned: (userId) => store.findUser(userId),
        now,
        worker: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
        leaseMs: 60_000,
      },
      new SqlSendRate(db, config.nudges.campaignSendRate),
      { batchMax: config.nudges.campaignSendRate, ownLimitPerSecond: config.nudges.campaignSendRate, idleMs: 1000, maxIdleMs: 8000 },
      logger,
      onRunFinished,
    );
    // Every nudge shares the tenant's send budget with the campaigns: an admin's `nudge` or a snooze's reminder
    // sent during a campaign run would otherwise go out on top of it, above Teams' rate.
    const nudgeJobs = new NudgeJobs(engine, async (request) => {
      const paced = pacedNudge(request, (reserved) => campaignEngine.takeSendSlot(reserved));
      try {
        return await sendNudge(nudgeSending, paced.request);
      } finally {
        paced.release();
      }
    }, logger, now);
    // Registered once the engine exists: a job waiting from before a restart may run as soon as its queue is worked.
    await nudgeJobs.register();
    await escalations.register();
    const startRun = async (campaignId: string, scheduledFor: Date) => {
      const result = await startCampaignRun(
        { campaigns: campaignStore, posture: store, groupMembers: (groupId) => directory.groupMemberIds(groupId), now },
        campaignId,
        scheduledFor,
      );
      campaignEngine.poke();
      // A run with nobody to remind finished as it started: its owner hears so as after any other run.
      if (result.kind === 'started' && result.run.status === 'finished') await campaignEngine.announceFinished(result.run);
      return result;
    };
    const campaignRuns = new CampaignRunJobs(engine, startRun, campaignStore, logger, now, {
      listActive: () => campaignStore.listActive(),
      setProblem: (id, problem, at) => campaignStore.setProblem(id, problem, at),
      // Its owner hears once, in their personal chat; the status card keeps saying it until a run starts again.
      onProblem: async (campaign, problem) => {
        await privateSender.send(campaign.ownerId, { type: 'message', text: `Campaign ${campaign.number} ("${campaign.name}") needs you: ${problem}` });
      },
    });
    await campaignRuns.register();
    const campaigns = { store: campaignStore, startRun, scheduleNext: (campaign: Campaign) => campaignRuns.scheduleNext(campaign), escalate };
    const helpDeskChannel = config.nudges.helpDeskConversationId;
    const nudgeActions: NudgeActionDeps = {
      store: nudgeStore,
      directory,
      policy: posture.policy,
      nudges: config.nudges.policy,
      now,
      articleFor: helpArticleFor(knowledge.articles),
      ...(helpDeskChannel ? { helpDesk: new ChannelHelpDesk(adapter, (id) => references.findByConversation(id), botAppId ?? '', helpDeskChannel) } : {}),
      helpContact: config.answers.helpDeskContact,
      remindAt: (userId, at) => nudgeJobs.later({ userId, source: 'reminder' }, at),
      // Teams gives an invoke 5 s; the rest is the card and the network.
      recheckTimeoutMs: 4000,
      liveChecks,
    };

    // Model mode, off unless configured: a message turn has time to wait; an invoke (related-question button) does not ask.
    const answerWriterTimeoutMs = overrides.answerWriterTimeoutMs ?? 8000;
    const answerModel = config.answers.model;
    if (answerModel) logger.info({ answerModel: answerModel.kind === 'azure' ? 'azure' : 'openai' }, 'answers are written by a model from the articles found');

    const bot = createTeamsBot(adapter, new SqlBotStorage(db), {
      botName: config.bot.displayName,
      tenantId: config.tenantId,
      references,
      directory,
      policy: posture.policy,
      liveChecks,
      logger,
      now,
      privateSender,
      knowledge: knowledge.search,
      helpDesk: config.answers.helpDeskContact,
      ...(answerModel ? { answerWriter: { writer: new OpenAIAnswerWriter(answerModel, { timeoutMs: answerWriterTimeoutMs }), timeoutMs: answerWriterTimeoutMs } } : {}),
      nudges: { actions: nudgeActions },
      campaigns: {
        // The same directory check as admins', on the campaign-manager groups.
        managers: new AdminAuthorizer(directory, { groupIds: config.nudges.campaignManagerGroupIds, allowList: [], cacheSeconds: 300 }),
        // Resuming queues the next run and wakes the engine for the deliveries the pause held.
        manage: { campaigns: campaignStore, scheduleNext: async (campaign) => { campaignEngine.poke(); return campaignRuns.scheduleNext(campaign); }, now },
        vault,
        publicUrl: () => publicUrl,
      },
      admin: {
        authorizer: new AdminAuthorizer(directory, {
          groupIds: config.posture.adminGroupIds,
          roleTemplateIds: config.posture.adminRoleTemplateIds,
          allowList: config.posture.adminAllowList,
          cacheSeconds: 300,
        }),
        auditLog,
        contact: config.posture.adminContact,
        answers: (context) => ({
          store, auditLog, directory, ...posture, departmentMinSize: config.posture.departmentMinSize, now, vault,
          publicUrl: () => publicUrl,
          sendNudge: (request) => nudgeJobs.sendNowOrLater(request),
          requestScan: (requestedBy) =>
            requestPostureScan(engine, { trigger: 'admin', requestedBy, replyTo: TurnContext.getConversationReference(context.activity) }),
        }),
      },
    }, botAppId);

    const http = createHttpServer(bot, { database: () => db.isReady(), jobs: () => engine.isReady(), delivery: () => campaignEngine.health() }, logger, {
      downloads: { peek: (token) => vault.peek(token, now()), collect: (token) => vault.collect(token, now()) },
      // Production bots always get a token from the Bot Connector: no Bearer header, no reading of the body.
      activityLimits: { requireBearer: config.mode === 'production' },
    });
    const { port, url } = await http.listen(config.server.host, config.server.port);
    // The demo's browser is on this machine, so its own address works for download links.
    if (config.mode === 'demo') publicUrl ??= url;
    logger.info({ url, mode: config.mode }, 'MFA Coach is listening');
    // Last, so that a start that fails earlier leaves no loop behind.
    campaignEngine.start();

    return {
      url,
      port,
      logger,
      database: db,
      campaigns,
      async stop({ timeoutMs = 10_000 } = {}) {
        const drained = await http.drain(timeoutMs);
        if (!drained) logger.warn('stopping with turns still running');
        await http.close();
        await campaignEngine.stop();
        await engine.stop({ graceful: true, timeoutMs });
        await db.close();
        logger.info('MFA Coach stopped');
      },
    };
  } catch (error) {
    // A failed start must not leave the job engine polling a database that is about to close.
    await jobs?.stop({ graceful: false, timeoutMs: 1000 }).catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
