import { audienceQuery, inAudience, isSmtpAudience } from '../domain/campaigns/campaign-audience';
import type { Campaign } from '../domain/campaigns/campaign';
import type { CampaignRun } from '../domain/campaigns/campaign-run';
import type { CampaignRecords } from '../domain/ports/campaign-store';
import type { CampaignRuns } from '../domain/ports/campaign-runs';
import type { PostureStore } from '../domain/ports/posture-store';

export interface StartRunDeps {
  campaigns: Pick<CampaignRecords, 'get'> & Pick<CampaignRuns, 'startRun' | 'addDeliveries' | 'finishRunIfDone'>;
  posture: Pick<PostureStore, 'listUsers' | 'findUser'>;
  /** The members of an Entra group (transitively), for campaigns aimed at a group. */
  groupMembers: (groupId: string) => Promise<ReadonlySet<string> | undefined>;
  /**
   * The people who own an account that sent mail with a password in the last 30 days (the latest read of the sign-in
   * log), for campaigns aimed at them; undefined when no read has completed yet.
   */
  smtpOwners: () => Promise<readonly string[] | undefined>;
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
  /** A campaign for owners of password senders, and no read of the sign-in log has completed: not started either. */
  | { kind: 'noSmtpRead' }
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
  const chosen = isSmtpAudience(campaign.audience)
    ? await chooseSmtpOwners(deps, campaign, members)
    : await chooseFromScan(deps, campaign, members);
  if (!chosen) return { kind: 'noSmtpRead' };

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

/** Everyone of the latest scan the audience takes, page by page. */
async function chooseFromScan(deps: StartRunDeps, campaign: Campaign, members: ReadonlySet<string> | undefined): Promise<string[]> {
  const chosen: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { users } = await deps.posture.listUsers({ ...audienceQuery(campaign.audience.gaps, campaign.target), offset, limit: PAGE });
    // Someone the registration report left out is unknown, not unprotected: no nudge on a guess.
    for (const user of users)
      if (user.inReport !== false && inAudience(user, campaign.audience, members, campaign.target)) chosen.push(user.id);
    if (users.length < PAGE) break;
  }
  return chosen;
}

/**
 * The owners of password senders the audience takes (its departments, group and exclusions apply to the owner, as
 * the latest scan knows them). Their MFA methods do not matter here, so the registration report's gaps do not either.
 */
async function chooseSmtpOwners(
  deps: StartRunDeps,
  campaign: Campaign,
  members: ReadonlySet<string> | undefined,
): Promise<string[] | undefined> {
  const owners = await deps.smtpOwners();
  if (!owners) return undefined;
  const chosen: string[] = [];
  for (const ownerId of new Set(owners)) {
    const person = await deps.posture.findUser(ownerId);
    if (person && inAudience(person, campaign.audience, members, campaign.target)) chosen.push(person.id);
  }
  return chosen;
}
