import { runSummarySender } from '../../adapters/bot/campaign-run-summary';
import { CampaignDeliveryEngine } from '../../adapters/jobs/campaign-delivery-engine';
import { CampaignEscalationJobs } from '../../adapters/jobs/campaign-escalation-job';
import { CampaignRunJobs } from '../../adapters/jobs/campaign-run-job';
import { SqlCampaignStore } from '../../adapters/storage/sql-campaign-store';
import type { Campaign } from '../../domain/campaigns/campaign';
import type { CampaignRun } from '../../domain/campaigns/campaign-run';
import { escalateUnanswered } from '../../use-cases/escalate-unanswered';
import { sendNudge } from '../../use-cases/send-nudge';
import { startCampaignRun } from '../../use-cases/start-campaign-run';
import type { GraphSlice } from './graph';
import type { NudgeSlice } from './nudges';
import type { Platform } from './platform';
import type { PostureSlice } from './posture';
import type { TeamsSlice } from './teams';
import { DELIVERY, ESCALATION_GRACE_MS } from './tuning';

/** Reminder campaigns: their store, the delivery engine, and the jobs that start runs and escalate after them. */
export type CampaignSlice = Awaited<ReturnType<typeof wireCampaigns>>;

export async function wireCampaigns(platform: Platform, graph: GraphSlice, teams: TeamsSlice, posture: PostureSlice, nudges: NudgeSlice) {
  const { config, logger, now } = platform;
  const store = new SqlCampaignStore(platform.db);
  const graceMs = platform.overrides.campaignEscalationGraceMs ?? ESCALATION_GRACE_MS;
  const escalate = (campaignId: string) => escalateUnanswered({ ...nudges.sending, campaigns: store, pace: () => nudges.gate.take(), graceMs }, campaignId);
  const escalations = new CampaignEscalationJobs(platform.jobs, escalate, logger, now);
  const sendRunSummary = runSummarySender(teams.privateSender, store, now, logger);
  // Every instance runs the engine; claims and the shared send gate keep them apart.
  const engine = new CampaignDeliveryEngine(
    { store, send: (request) => sendNudge(nudges.sending, request), scanned: (userId) => posture.store.findUser(userId), now, worker: nudges.worker, leaseMs: DELIVERY.leaseMs },
    nudges.gate,
    { batchMax: config.nudges.campaignSendRate, idleMs: DELIVERY.idleMs, maxIdleMs: DELIVERY.maxIdleMs },
    logger,
    // After each run: its nudges get their time to be answered before managers hear; its owner hears now.
    async (run: CampaignRun) => {
      await escalations.queue(run.campaignId, graceMs);
      await sendRunSummary(run);
    },
  );
  const startRun = async (campaignId: string, scheduledFor: Date) => {
    const result = await startCampaignRun({ campaigns: store, posture: posture.store, groupMembers: (groupId) => graph.directory.groupMemberIds(groupId), now }, campaignId, scheduledFor);
    engine.poke();
    // A run with nobody to remind finished as it started: its owner hears so as after any other run.
    if (result.kind === 'started' && result.run.status === 'finished') await engine.announceFinished(result.run);
    return result;
  };
  const runs = new CampaignRunJobs(platform.jobs, startRun, store, logger, now, {
    listActive: () => store.listActive(),
    setProblem: (id, problem, at) => store.setProblem(id, problem, at),
    // Its owner hears once, in their personal chat; the status card keeps saying it until a run starts again.
    onProblem: async (campaign, problem) => {
      await teams.privateSender.send(campaign.ownerId, { type: 'message', text: `Campaign ${campaign.number} ("${campaign.name}") needs you: ${problem}` });
    },
  });
  // Registered once the engine exists: a job waiting from before a restart may run as soon as its queue is worked.
  await escalations.register();
  await runs.register();
  return { store, engine, startRun, escalate, scheduleNext: (campaign: Campaign) => runs.scheduleNext(campaign) };
}
