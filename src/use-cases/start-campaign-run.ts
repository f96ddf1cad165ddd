import type { CampaignRun } from '../domain/campaigns/campaign-run';
import type { CampaignRecords } from '../domain/ports/campaign-store';
import type { CampaignRuns } from '../domain/ports/campaign-runs';
import { chooseCampaignAudience, type AudienceDeps } from './choose-campaign-audience';

export interface StartRunDeps extends AudienceDeps {
  campaigns: Pick<CampaignRecords, 'get'> & Pick<CampaignRuns, 'startRun' | 'addDeliveries' | 'audienceAdded' | 'finishRunIfDone'>;
  now: () => Date;
  /** Told after each page of the audience is added: the engine can send it while the rest is added. */
  pageAdded?: () => void;
}

export type StartRunResult =
  | { kind: 'started'; run: CampaignRun; targeted: number }
  /** This scheduled time's run exists already (another instance, or a retried job, started it). */
  | { kind: 'alreadyStarted'; run: CampaignRun }
  | { kind: 'notActive'; status: string }
  | { kind: 'unknownCampaign' }
  /** No completed scan yet: nobody can be chosen. The run is not started, so a later try can. */
  | { kind: 'noScan' }
  /** A campaign for owners of password senders, and no read of the sign-in log has completed: not started either. */
  | { kind: 'noSmtpRead' }
  /** The campaign's Entra group no longer exists: the run is not started; its owner should change the audience. */
  | { kind: 'unknownGroup'; groupId: string };

/**
 * Starts one run of a campaign at one scheduled time: the audience is read again from the latest scan (people
 * who set up MFA since drop out by themselves), and each person gets one delivery, due at the scheduled time;
 * each is sent within the person's own delivery window by the engine. The audience is added a page at a time, and
 * the engine may send the first pages while the rest are added; the run cannot finish before the last page is in.
 * Running it twice for the same time (two instances, a retried job) adds no one twice, and a start that died
 * half-way is completed by the next try.
 */
export async function startCampaignRun(deps: StartRunDeps, campaignId: string, scheduledFor: Date): Promise<StartRunResult> {
  const campaign = await deps.campaigns.get(campaignId);
  if (!campaign) return { kind: 'unknownCampaign' };
  if (campaign.status !== 'active') return { kind: 'notActive', status: campaign.status };
  const choice = await chooseCampaignAudience(deps, campaign);
  if (choice.kind !== 'chosen') return choice;

  const { run, created } = await deps.campaigns.startRun(campaign.id, scheduledFor, deps.now());
  if (!created && (run.status !== 'delivering' || run.audienceAddedAt)) return { kind: 'alreadyStarted', run };
  for await (const page of choice.pages()) {
    await deps.campaigns.addDeliveries(
      run.id,
      page.people.map((person) => ({ userId: person.id, dueAt: scheduledFor })),
    );
    if (page.people.length > 0) deps.pageAdded?.();
  }
  const added = (await deps.campaigns.audienceAdded(run.id, deps.now())) ?? run;
  if (!created) return { kind: 'alreadyStarted', run: added };
  // Nobody left to remind: the run is over as it starts (the engine finishes runs only after sending).
  const finished = added.targeted === 0 ? await deps.campaigns.finishRunIfDone(run.id, deps.now()) : undefined;
  return { kind: 'started', run: finished ?? added, targeted: added.targeted };
}
