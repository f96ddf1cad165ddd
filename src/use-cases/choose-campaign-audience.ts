import { audienceQuery, inAudience, isSmtpAudience } from '../domain/campaigns/campaign-audience';
import type { CampaignPlan } from '../domain/campaigns/campaign';
import type { UserMfaStatus } from '../domain/mfa/user-registration';
import type { PostureStore } from '../domain/ports/posture-store';

export interface AudienceDeps {
  posture: Pick<PostureStore, 'listUsers' | 'findUser'>;
  /** The members of an Entra group (transitively), for campaigns aimed at a group; undefined when it does not exist. */
  groupMembers: (groupId: string) => Promise<ReadonlySet<string> | undefined>;
  /**
   * The people who own an account that sent mail with a password in the last 30 days (the latest read of the sign-in
   * log), for campaigns aimed at them; undefined when no read has completed yet.
   */
  smtpOwners: () => Promise<readonly string[] | undefined>;
}

export type AudienceChoice<T = UserMfaStatus> =
  | { kind: 'chosen'; people: T[] }
  /** No completed scan yet: nobody can be chosen. */
  | { kind: 'noScan' }
  /** For owners of password senders: no read of the sign-in log has completed yet. */
  | { kind: 'noSmtpRead' }
  /** The Entra group the audience names does not exist. */
  | { kind: 'unknownGroup'; groupId: string };

const PAGE = 1_000;

/**
 * Who a campaign's audience takes now, from the latest scan: what a run sends to, and what the form's preview counts.
 * People who set up MFA since drop out by themselves. `keep` says what to keep of each (a run keeps only the id, so
 * a large audience is not held whole in memory).
 */
export async function chooseCampaignAudience<T = UserMfaStatus>(
  deps: AudienceDeps,
  plan: Pick<CampaignPlan, 'audience' | 'target'>,
  keep: (person: UserMfaStatus) => T = (person) => person as T,
): Promise<AudienceChoice<T>> {
  // The people of the last completed scan (a scan running now leaves them readable); none means no scan yet.
  const { total } = await deps.posture.listUsers({ strengths: ['strong', 'acceptable', 'weak', 'none'], offset: 0, limit: 1 });
  if (total === 0) return { kind: 'noScan' };
  const scope = plan.audience.scope;
  const members = scope.kind === 'group' ? await deps.groupMembers(scope.groupId) : undefined;
  if (scope.kind === 'group' && !members) return { kind: 'unknownGroup', groupId: scope.groupId };
  if (!isSmtpAudience(plan.audience)) return { kind: 'chosen', people: await chooseFromScan(deps, plan, members, keep) };
  const owners = await chooseSmtpOwners(deps, plan, members, keep);
  return owners ? { kind: 'chosen', people: owners } : { kind: 'noSmtpRead' };
}

/** Everyone of the latest scan the audience takes, page by page. */
async function chooseFromScan<T>(
  deps: AudienceDeps,
  plan: Pick<CampaignPlan, 'audience' | 'target'>,
  members: ReadonlySet<string> | undefined,
  keep: (person: UserMfaStatus) => T,
): Promise<T[]> {
  const chosen: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { users } = await deps.posture.listUsers({ ...audienceQuery(plan.audience.gaps, plan.target), offset, limit: PAGE });
    // Someone the registration report left out is unknown, not unprotected: no nudge on a guess.
    for (const user of users) if (user.inReport !== false && inAudience(user, plan.audience, members, plan.target)) chosen.push(keep(user));
    if (users.length < PAGE) break;
  }
  return chosen;
}

/**
 * The owners of password senders the audience takes (its departments, group and exclusions apply to the owner, as
 * the latest scan knows them). Their MFA methods do not matter here, so the registration report's gaps do not either.
 */
async function chooseSmtpOwners<T>(
  deps: AudienceDeps,
  plan: Pick<CampaignPlan, 'audience' | 'target'>,
  members: ReadonlySet<string> | undefined,
  keep: (person: UserMfaStatus) => T,
): Promise<T[] | undefined> {
  const owners = await deps.smtpOwners();
  if (!owners) return undefined;
  const chosen: T[] = [];
  for (const ownerId of new Set(owners)) {
    const person = await deps.posture.findUser(ownerId);
    if (person && inAudience(person, plan.audience, members, plan.target)) chosen.push(keep(person));
  }
  return chosen;
}
