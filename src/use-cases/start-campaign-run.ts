import { audienceQuery, inAudience } from '../domain/campaigns/campaign-audience';
import type { CampaignRun } from '../domain/campaigns/campaign-run';
import type { CampaignRecords } from '../domain/ports/campaign-store';
import type { CampaignRuns } from '../domain/ports/campaign-runs';
import type { PostureStore } from '../domain/ports/posture-store';

export interface StartRunDeps {
  campaigns: Pick<CampaignRecords, 'get'> & Pick<CampaignRuns, 'startRun' | 'addDeliveries' | 'finishRunIfDone'>;
  posture: Pick<PostureStore, 'listUsers'>;
  /** The members of an Entra group (transitively), for campaigns aimed at a group. */
  groupMembers: (groupId: string) => Promise<ReadonlySet<string> | undefined>;
  now: () => Date;
}

export type StartRunResult =
  | { kind: 'started'; run: CampaignRun; targeted: number }
  /** This scheduled time's run exists already (another instance, or a retried job, started it). */
  | { kind: 'alreadyStarted'; run: CampaignRun }
  | { kind: 'notActive'; status: string }
  | { kind: 'unknownCampaign' }
  /** No completed scan yet: nobody can be chosen. The run is not started, so a later try can. */
  | { kind: 'noScan' }
  /** The campaign's Entra group no longer exists: the run is not started; its owner should change the audience. */
  | { kind: 'unknownGroup'; groupId: string };

const PAGE = 1_000;

/**
 * Starts one run of a campaign at one scheduled time: the audience is read again from the latest scan (people
 * who set up MFA since drop out by themselves), and each person gets one delivery, due at the scheduled time;
 * each is sent within the person's own delivery window by the engine. Running it twice for the same time
 * (two instances, a retried job) adds no one twice.
 */
export async function startCampaignRun(deps: StartRunDeps, campaignId: string, scheduledFor: Date): Promise<StartRunResult> {
  const campaign = await deps.campaigns.get(campaignId);
  if (!campaign) return { kind: 'unknownCampaign' };
  if (campaign.status !== 'active') return { kind: 'notActive', status: campaign.status };
  // The people of the last completed scan (a scan running now leaves them readable); none means no scan yet.
  const { total } = await deps.posture.listUsers({ strengths: ['strong', 'acceptable', 'weak', 'none'], offset: 0, limit: 1 });
  if (total === 0) return { kind: 'noScan' };

  const scope = campaign.audience.scope;
  const members = scope.kind === 'group' ? await deps.groupMembers(scope.groupId) : undefined;
  if (scope.kind === 'group' && !members) return { kind: 'unknownGroup', groupId: scope.groupId };
  const chosen: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { users } = await deps.posture.listUsers({ ...audienceQuery(campaign.audience.gaps, campaign.target), offset, limit: PAGE });
    // Someone the registration report left out is unknown, not unprotected: no nudge on a guess.
    for (const user of users)
      if (user.inReport !== false && inAudience(user, campaign.audience, members, campaign.target)) chosen.push(user.id);
    if (users.length < PAGE) break;
  }

  const { run, created } = await deps.campaigns.startRun(campaign.id, scheduledFor, deps.now());
  if (!created && run.status !== 'delivering') return { kind: 'alreadyStarted', run };
  // Added even when the run existed: a start that died half-way is completed by the next try, adding only the missing.
  await deps.campaigns.addDeliveries(
    run.id,
    chosen.map((userId) => ({ userId, dueAt: scheduledFor })),
  );
  if (!created) return { kind: 'alreadyStarted', run };
  // Nobody left to remind: the run is over as it starts (the engine finishes runs only after sending).
  const finished = chosen.length === 0 ? await deps.campaigns.finishRunIfDone(run.id, deps.now()) : undefined;
  return { kind: 'started', run: finished ?? { ...run, targeted: chosen.length }, targeted: chosen.length };
}
