import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { ChannelHelpDesk } from '../../adapters/bot/channel-help-desk';
import { InMemoryLiveCheckBudget } from '../../adapters/in-memory-live-check-budget';
import { NudgeJobs } from '../../adapters/jobs/nudge-job';
import { SendBudget } from '../../adapters/jobs/send-budget';
import { helpArticleFor } from '../../adapters/knowledge/help-article';
import type { Article } from '../../domain/guidance/article';
import { budgetGate } from '../../domain/nudges/send-gates';
import { SqlNudgeStore } from '../../adapters/storage/sql-nudge-store';
import { SqlSendRate } from '../../adapters/storage/sql-send-rate';
import type { NudgeActionDeps } from '../../use-cases/act-on-nudge';
import { sendNudge, type SendNudgeDeps } from '../../use-cases/send-nudge';
import { sendSmtpOwnerNudge, type SmtpOwnerNudgeDeps } from '../../use-cases/send-smtp-owner-nudge';
import { ownersOfLatestRead } from '../../use-cases/smtp-owners';
import { SmtpOwnerNudgeJobs } from '../../adapters/jobs/smtp-owner-nudge-job';
import { SqlSmtpOwnerNudges } from '../../adapters/storage/sql-smtp-owner-nudges';
import { smtpReadinessDeps } from './smtp-readiness';
import type { GraphSlice } from './graph';
import type { Platform } from './platform';
import type { PostureSlice } from './posture';
import type { TeamsSlice } from './teams';
import { RECHECK_TIMEOUT_MS } from './tuning';

/** Nudges: sending one (now, later, or for a campaign), the instance's send budget, and what the card's buttons need. */
export type NudgeSlice = Awaited<ReturnType<typeof wireNudges>>;

export async function wireNudges(platform: Platform, graph: GraphSlice, teams: TeamsSlice, posture: PostureSlice) {
  const { config, logger, now } = platform;
  const store = new SqlNudgeStore(platform.db);
  const sending: SendNudgeDeps = {
    directory: graph.directory,
    store,
    references: teams.references,
    installer: graph.installer,
    messenger: teams.messenger,
    policy: posture.policy,
    nudges: config.nudges.policy,
    now,
    ...(platform.overrides.chatAfterInstall ? { chatAfterInstall: platform.overrides.chatAfterInstall } : {}),
  };
  // One budget per instance for every request to Teams on the tenant's send budget: an admin's `nudge` or a
  // snooze's reminder sent during a campaign run would otherwise go out on top of the campaign's sends.
  const worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const budget = new SendBudget(
    new SqlSendRate(platform.db, config.nudges.campaignSendRate),
    worker,
    config.nudges.campaignSendRate,
    (ms) => platform.metrics.sendBudgetWait.observe(ms / 1000),
  );
  const jobs = new NudgeJobs(platform.jobs, (request) => sendNudge(sending, { ...request, gate: budgetGate(budget.take) }), logger, now);
  // A job waiting from before a restart may run as soon as its queue is worked: everything it uses exists by now.
  await jobs.register();
  // One share per person for "status" and "I've done it" together, so nobody can spend that budget alone.
  const liveChecks = new InMemoryLiveCheckBudget(platform.overrides.liveCheckLimits);
  const smtpOwners = await smtpOwnerNudges(platform, graph, teams, posture, budget);
  return { store, sending, budget, worker, jobs, liveChecks, smtpOwners };
}

/**
 * Cards to the owners of accounts that send mail with a password: the same rules as MFA nudges (sending hours, the
 * cap, the instance's send budget), their own ledger, and jobs for what must wait.
 */
async function smtpOwnerNudges(platform: Platform, graph: GraphSlice, teams: TeamsSlice, posture: PostureSlice, budget: SendBudget) {
  const { config, logger, now } = platform;
  const owners = smtpReadinessDeps(config, posture, now);
  const deps: SmtpOwnerNudgeDeps = {
    owners,
    ownersOfPeriod: ownersOfLatestRead(owners),
    directory: graph.directory,
    ledger: new SqlSmtpOwnerNudges(platform.db),
    references: teams.references,
    installer: graph.installer,
    messenger: teams.messenger,
    nudges: config.nudges.policy,
    now,
    ...(platform.overrides.chatAfterInstall ? { chatAfterInstall: platform.overrides.chatAfterInstall } : {}),
  };
  const jobs = new SmtpOwnerNudgeJobs(
    platform.jobs,
    (request) => sendSmtpOwnerNudge(deps, { ...request, gate: budgetGate(budget.take) }),
    logger,
    now,
  );
  await jobs.register();
  return { deps, jobs };
}

/** What the nudge card's buttons need ("I've done it", "remind me", "I need help"). */
export function nudgeActions(
  platform: Platform,
  graph: GraphSlice,
  teams: TeamsSlice,
  nudges: NudgeSlice,
  articles: readonly Article[],
): NudgeActionDeps {
  const { config } = platform;
  const helpDeskChannel = config.nudges.helpDeskConversationId;
  return {
    store: nudges.store,
    directory: graph.directory,
    policy: nudges.sending.policy,
    nudges: config.nudges.policy,
    now: platform.now,
    articleFor: helpArticleFor(articles),
    ...(helpDeskChannel
      ? {
          helpDesk: new ChannelHelpDesk(
            teams.adapter,
            (id) => teams.references.findByConversation(id),
            teams.botAppId ?? '',
            helpDeskChannel,
          ),
        }
      : {}),
    helpContact: config.answers.helpDeskContact,
    remindAt: (userId, at, target) => nudges.jobs.later({ userId, source: 'reminder', target }, at),
    recheckTimeoutMs: RECHECK_TIMEOUT_MS,
    liveChecks: nudges.liveChecks,
  };
}
