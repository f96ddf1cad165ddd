import { runSummarySender } from '../../adapters/bot/campaign-run-summary';
import { CampaignDeliveryEngine } from '../../adapters/jobs/campaign-delivery-engine';
import { CampaignFunnelUpkeep } from '../../adapters/jobs/campaign-funnel-upkeep';
import { catchUpFunnels, tidyFunnels } from '../../adapters/storage/campaigns/campaign-funnel-upkeep';
import type { BatchReport } from '../../use-cases/deliver-campaign';
import { CampaignEscalationJobs } from '../../adapters/jobs/campaign-escalation-job';
import { CampaignRunJobs } from '../../adapters/jobs/campaign-run-job';
import { sqlCampaignStore } from '../../adapters/storage/sql-campaign-store';
import type { Campaign } from '../../domain/campaigns/campaign';
import type { CampaignRun } from '../../domain/campaigns/campaign-run';
import type { CampaignStore } from '../../domain/ports/campaign-store';
import { escalateUnanswered } from '../../use-cases/escalate-unanswered';
import { sendNudge, type NudgeRequest } from '../../use-cases/send-nudge';
import { startCampaignRun } from '../../use-cases/start-campaign-run';
import { sendSmtpOwnerNudge, type SmtpOwnerNudgeRequest } from '../../use-cases/send-smtp-owner-nudge';
import { passwordSenderOwnerIds } from '../../use-cases/smtp-owners';
import type { AudienceCheckDeps } from '../../use-cases/preview-campaign';
import type { CampaignProblemListener } from '../../use-cases/schedule-campaign-runs';
import type { GraphSlice } from './graph';
import type { NudgeSlice } from './nudges';
import type { Platform } from './platform';
import type { PostureSlice } from './posture';
import type { TeamsSlice } from './teams';
import { DELIVERY, ESCALATION_GRACE_MS, FUNNEL_UPKEEP } from './tuning';

/** Reminder campaigns: their store, the delivery engine, and the jobs that start runs and escalate after them. */
export type CampaignSlice = Awaited<ReturnType<typeof wireCampaigns>>;

export async function wireCampaigns(platform: Platform, graph: GraphSlice, teams: TeamsSlice, posture: PostureSlice, nudges: NudgeSlice) {
  const { logger, now } = platform;
  const store = sqlCampaignStore(platform.db);
  const graceMs = platform.overrides.campaignEscalationGraceMs ?? ESCALATION_GRACE_MS;
  const escalate = (campaignId: string) =>
    escalateUnanswered({ ...nudges.sending, campaigns: store, pace: nudges.budget.take, graceMs }, campaignId);
  const escalations = new CampaignEscalationJobs(platform.jobs, escalate, logger, now);
  const sendRunSummary = runSummarySender(teams.privateSender, store, now, logger);
  // After each run: its nudges get their time to be answered before managers hear; its owner hears now.
  const engine = deliveryEngine(platform, store, posture, nudges, async (run: CampaignRun) => {
    await escalations.queue(run.campaignId, graceMs);
    await sendRunSummary(run);
  });
  const startRun = async (campaignId: string, scheduledFor: Date) => {
    const deps = { campaigns: store, ...campaignAudienceDeps(graph, posture, nudges), now, pageAdded: () => engine.poke() };
    const result = await startCampaignRun(deps, campaignId, scheduledFor);
    engine.poke();
    // A run with nobody to remind finished as it started: its owner hears so as after any other run.
    if (result.kind === 'started' && result.run.status === 'finished') await engine.announceFinished(result.run);
    return result;
  };
  const runs = new CampaignRunJobs(platform.jobs, { campaigns: store, startRun, now, onProblem: tellOwner(teams) }, logger);
  // Registered once the engine exists: a job waiting from before a restart may run as soon as its queue is worked.
  await escalations.register();
  await runs.register();
  const funnelWork = { catchUp: (most: number) => catchUpFunnels(platform.db, most), tidy: () => tidyFunnels(platform.db) };
  const funnels = new CampaignFunnelUpkeep(funnelWork, FUNNEL_UPKEEP, logger);
  return { store, engine, funnels, startRun, escalate, scheduleNext: (campaign: Campaign) => runs.scheduleNext(campaign) };
}

/** Who a campaign's audience takes: the latest scan, Entra groups through Graph, and the owners of password senders. */
export function campaignAudienceDeps(graph: GraphSlice, posture: PostureSlice, nudges: NudgeSlice): AudienceCheckDeps {
  return {
    posture: posture.store,
    groupMembers: (groupId: string) => graph.directory.groupMemberIds(groupId),
    // A group typed by its name on the form is found by it (GroupMember.Read.All, which the members already need).
    groupsNamed: (name: string) => graph.directory.groupsNamed(name),
    // The cards' own reading of the owners: a run's start and its cards work them out once per read of the log.
    smtpOwners: () => passwordSenderOwnerIds(nudges.smtpOwners.deps.owners, nudges.smtpOwners.deps.ownersOfPeriod),
  };
}

/** Its owner hears once, in their personal chat; the status card keeps saying it until a run starts again. */
function tellOwner(teams: TeamsSlice): CampaignProblemListener {
  return async (campaign, problem) => {
    const text = `Campaign ${campaign.number} ("${campaign.name}") needs you: ${problem}`;
    await teams.privateSender.send(campaign.ownerId, { type: 'message', text });
  };
}

/** Every instance runs the engine; claims and the instance's send budget keep them apart. */
function deliveryEngine(
  { config, logger, now, metrics }: Platform,
  store: CampaignStore,
  posture: PostureSlice,
  nudges: NudgeSlice,
  onRunFinished: (run: CampaignRun) => Promise<void>,
): CampaignDeliveryEngine {
  const deps = {
    store,
    send: (request: NudgeRequest) => sendNudge(nudges.sending, request),
    sendSmtp: (request: SmtpOwnerNudgeRequest) => sendSmtpOwnerNudge(nudges.smtpOwners.deps, request),
    scanned: (userId: string) => posture.store.findUser(userId),
    now,
    worker: nudges.worker,
    leaseMs: DELIVERY.leaseMs,
  };
  const options = {
    batchMax: config.nudges.campaignSendRate,
    idleMs: DELIVERY.idleMs,
    maxIdleMs: DELIVERY.maxIdleMs,
    observeBatch: ({ claimed, results }: Pick<BatchReport, 'claimed' | 'results'>) => {
      metrics.deliveriesClaimed.inc(claimed);
      for (const [result, count] of Object.entries(results)) if (count > 0) metrics.deliveryResults.inc({ result }, count);
    },
  };
  return new CampaignDeliveryEngine(deps, nudges.budget, options, logger, onRunFinished);
}
