import type { Campaign } from '../domain/campaigns/campaign';
import { LATE_START_MS, nextRunAfter, runTimes } from '../domain/campaigns/campaign-schedule';
import type { CampaignRunQueue } from '../domain/ports/campaign-run-queue';
import type { CampaignRuns } from '../domain/ports/campaign-runs';
import type { CampaignRecords } from '../domain/ports/campaign-store';
import { recordWithRetries } from './record-with-retries';
import type { StartRunResult } from './start-campaign-run';

/** Told once when a campaign cannot go on as planned (recorded on the campaign, shown on its status card). */
export type CampaignProblemListener = (campaign: Campaign, problem: string) => Promise<void>;

export interface ScheduleRunsDeps {
  campaigns: Pick<CampaignRecords, 'get' | 'setProblem' | 'listActive'> & Pick<CampaignRuns, 'runs'>;
  /** Starts one run (startCampaignRun with its dependencies). */
  startRun: (campaignId: string, scheduledFor: Date) => Promise<StartRunResult>;
  queue: CampaignRunQueue;
  onProblem: CampaignProblemListener;
  now: () => Date;
}

export interface ScheduledRunOutcome {
  result: StartRunResult;
  /** The campaign's next run, now queued. */
  next?: Date;
  /** Why the campaign cannot go on as planned, and whether its owner was told now (they are told once). */
  problem?: { text: string; told: boolean; tellError?: unknown };
  /** No scan (or, for owners of password senders, no read of the sign-in log) has completed yet: the run waits, and its start is to be tried again later. */
  waitsForScan: boolean;
}

/**
 * A campaign's runs as a chain: each scheduled run is started at its time and queues the next one, whatever became
 * of its own (started now, started before by a try that then failed, or skipped because its group is gone). A
 * paused campaign's chain stops at its next run; resuming starts it again. With no scan yet, the run waits.
 */
export async function runScheduledCampaign(deps: ScheduleRunsDeps, campaignId: string, scheduledFor: Date): Promise<ScheduledRunOutcome> {
  // A database blip fails the start: it is tried again at once, a few times over some seconds, rather than after
  // the queue's retry delay (minutes, meant for "no scan yet"). Safe to repeat: a run started by a try whose
  // answer was lost is found ("already started"), never started twice.
  const result = await recordWithRetries(() => deps.startRun(campaignId, scheduledFor));
  const outcome: ScheduledRunOutcome = { result, waitsForScan: result.kind === 'noScan' || result.kind === 'noSmtpRead' };
  if (result.kind === 'notActive' || result.kind === 'unknownCampaign') return outcome;
  const campaign = await deps.campaigns.get(campaignId);
  if (!campaign) return outcome;
  if (result.kind === 'noScan') {
    outcome.problem = await recordProblem(
      deps,
      campaign,
      'No scan of the tenant has completed yet, so its run waits for one. Say "scan" to start one.',
    );
    return outcome;
  }
  if (result.kind === 'noSmtpRead') {
    // The sign-in log is read after each scan: the run waits for a read that completes, like a run waiting for a scan.
    outcome.problem = await recordProblem(
      deps,
      campaign,
      'No read of the sign-in log has completed yet, so nobody who sends mail with a password is known and its run waits. Say "smtp" to see why.',
    );
    return outcome;
  }
  if (result.kind === 'unknownGroup') {
    const when = scheduledFor.toISOString().slice(0, 16).replace('T', ' ');
    outcome.problem = await recordProblem(
      deps,
      campaign,
      `Its Entra group (${result.groupId}) no longer exists, so the run of ${when} UTC reached no one. Cancel it and copy it with another audience.`,
    );
  } else if (result.kind === 'started' && campaign.problem) {
    await deps.campaigns.setProblem(campaign.id, undefined, deps.now());
  }
  // Also after "already started": that run's first try may have died between starting it and queuing this.
  const next = nextRunAfter(campaign.schedule, scheduledFor);
  if (next) {
    await deps.queue.queue(campaignId, next);
    outcome.next = next;
  }
  return outcome;
}

/**
 * Queues a campaign's next run from now (on creation, or on resume). Answers when it will run, or undefined when
 * the schedule has no run left (a run up to 15 minutes late still counts: "start now" from a form). A time whose
 * run has started already is passed over: resuming just after a run must not end the chain there.
 */
export async function queueNextRun(
  deps: Pick<ScheduleRunsDeps, 'campaigns' | 'queue' | 'now'>,
  campaign: Campaign,
): Promise<Date | undefined> {
  const started = new Set((await deps.campaigns.runs(campaign.id)).map((run) => run.scheduledFor.getTime()));
  const from = deps.now().getTime() - LATE_START_MS;
  const next = runTimes(campaign.schedule).find((time) => time.getTime() >= from && !started.has(time.getTime()));
  if (next) await deps.queue.queue(campaign.id, next);
  return next;
}

/**
 * Makes sure each active campaign has its next run queued (nothing changes for those that do: queuing is once
 * per run), so a chain that broke anyway (its retries ran out, a queue write failed after its run started) goes
 * on. Answers how many campaigns were looked at and those whose next run could not be queued.
 */
export async function reconcileCampaignRuns(
  deps: Pick<ScheduleRunsDeps, 'campaigns' | 'queue' | 'now'>,
): Promise<{ looked: number; failed: { campaignId: string; error: unknown }[] }> {
  const active = await deps.campaigns.listActive();
  const failed: { campaignId: string; error: unknown }[] = [];
  for (const campaign of active) {
    try {
      await queueNextRun(deps, campaign);
    } catch (error) {
      failed.push({ campaignId: campaign.id, error });
    }
  }
  return { looked: active.length, failed };
}

/** Records the problem on the campaign; its owner is told only when this changed what was recorded. */
async function recordProblem(
  deps: ScheduleRunsDeps,
  campaign: Campaign,
  text: string,
): Promise<NonNullable<ScheduledRunOutcome['problem']>> {
  const changed = await deps.campaigns.setProblem(campaign.id, text, deps.now());
  if (!changed) return { text, told: false };
  try {
    await deps.onProblem(campaign, text);
    return { text, told: true };
  } catch (error) {
    return { text, told: false, tellError: error };
  }
}
