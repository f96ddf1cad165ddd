import { inAudience, isSmtpAudience } from '../domain/campaigns/campaign-audience';
import type { CampaignPlan } from '../domain/campaigns/campaign';
import { keptPeople } from '../domain/mfa/posture-counts';
import type { UserMfaStatus } from '../domain/mfa/user-registration';
import type { PostureStore } from '../domain/ports/posture-store';
import { pagesOfScan } from './scan-pages';

export interface AudienceDeps {
  posture: Pick<PostureStore, 'latestSnapshots' | 'usersOfScan' | 'findUser'>;
  /** The members of an Entra group (transitively), for campaigns aimed at a group; undefined when it does not exist. */
  groupMembers: (groupId: string) => Promise<ReadonlySet<string> | undefined>;
  /**
   * The people who own an account that sent mail with a password in the last 30 days (the latest read of the sign-in
   * log), for campaigns aimed at them; undefined when no read has completed yet.
   */
  smtpOwners: () => Promise<readonly string[] | undefined>;
}

/**
 * A page of the people an audience takes. `restarted`: a newer scan replaced the one being read part-way, and the
 * walk began again from the start of the newer one (someone counting starts again; someone adding deliveries need
 * not, a person added twice being added once).
 */
export interface AudiencePage {
  people: UserMfaStatus[];
  restarted: boolean;
}

export type AudienceChoice =
  /** `pages`: the audience as it is now, a page at a time (memory holds a page, whatever the audience's size). */
  | { kind: 'chosen'; pages: () => AsyncGenerator<AudiencePage> }
  /** No completed scan yet: nobody can be chosen. */
  | { kind: 'noScan' }
  /** For owners of password senders: no read of the sign-in log has completed yet. */
  | { kind: 'noSmtpRead' }
  /** The Entra group the audience names does not exist. */
  | { kind: 'unknownGroup'; groupId: string };

const PAGE = 1_000;
/** Walks begun again when newer scans keep replacing the one being read: more would mean scans back to back. */
const MOST_WALKS = 3;

/**
 * Who a campaign's audience takes now, from the latest scan: what a run sends to, and what the form's preview counts.
 * People who set up MFA since drop out by themselves.
 */
export async function chooseCampaignAudience(deps: AudienceDeps, plan: Pick<CampaignPlan, 'audience' | 'target'>): Promise<AudienceChoice> {
  const [snapshot] = await deps.posture.latestSnapshots(1);
  if (!snapshot) return { kind: 'noScan' };
  const scope = plan.audience.scope;
  const members = scope.kind === 'group' ? await deps.groupMembers(scope.groupId) : undefined;
  if (scope.kind === 'group' && !members) return { kind: 'unknownGroup', groupId: scope.groupId };
  // Someone the registration report left out is unknown, not unprotected: no nudge on a guess.
  const takes = (person: UserMfaStatus) => person.inReport !== false && inAudience(person, plan.audience, members, plan.target);
  if (!isSmtpAudience(plan.audience)) return { kind: 'chosen', pages: () => pagesOfAudience(deps, takes) };
  const owners = await deps.smtpOwners();
  if (!owners) return { kind: 'noSmtpRead' };
  return { kind: 'chosen', pages: () => ownersInAudience(deps, owners, plan, members) };
}

/**
 * Everyone of the latest scan the audience takes, a page of the scan at a time (a page may take nobody). A scan's
 * people go when a newer one replaces it, which ends the walk short: it then begins again on the newer scan.
 */
async function* pagesOfAudience(deps: AudienceDeps, takes: (person: UserMfaStatus) => boolean): AsyncGenerator<AudiencePage> {
  for (let walk = 0; walk < MOST_WALKS; walk++) {
    const [snapshot] = await deps.posture.latestSnapshots(1);
    if (!snapshot) return;
    let walked = 0;
    for await (const page of pagesOfScan(deps.posture, snapshot.scanId, PAGE)) {
      walked += page.length;
      yield { people: page.filter(takes), restarted: walk > 0 && walked === page.length };
    }
    if (walked >= keptPeople(snapshot.overall)) return;
  }
}

/**
 * The owners of password senders the audience takes (its departments, group and exclusions apply to the owner, as
 * the latest scan knows them). Their MFA methods do not matter here, so the registration report's gaps do not either.
 */
async function* ownersInAudience(
  deps: AudienceDeps,
  owners: readonly string[],
  plan: Pick<CampaignPlan, 'audience' | 'target'>,
  members: ReadonlySet<string> | undefined,
): AsyncGenerator<AudiencePage> {
  const unique = [...new Set(owners)];
  for (let start = 0; start < unique.length; start += PAGE) {
    const people: UserMfaStatus[] = [];
    for (const id of unique.slice(start, start + PAGE)) {
      const person = await deps.posture.findUser(id);
      if (person && inAudience(person, plan.audience, members, plan.target)) people.push(person);
    }
    yield { people, restarted: false };
  }
}
