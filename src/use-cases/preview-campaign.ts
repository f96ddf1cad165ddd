import type { CampaignPlan } from '../domain/campaigns/campaign';
import type { CampaignForm } from '../domain/campaigns/campaign-plan';
import { isGuid } from '../domain/guid';
import type { PostureStore } from '../domain/ports/posture-store';
import { chooseCampaignAudience, type AudienceDeps, type AudiencePage } from './choose-campaign-audience';

export interface AudienceCheckDeps extends AudienceDeps {
  posture: AudienceDeps['posture'] & Pick<PostureStore, 'latestSnapshots'>;
  /** The Entra groups with exactly this name (any case), for a group given by name; absent: ids only. */
  groupsNamed?: (name: string) => Promise<readonly { id: string; displayName: string }[]>;
}

/** Who a campaign would reach if it ran now: how many, in which departments, and a few of them by name. */
export interface CampaignPreview {
  people: number;
  /** Most people first, then by name; people without a department under "". */
  byDepartment: { department: string; people: number }[];
  /** The first few names, in the order of the latest scan's list. */
  sample: string[];
}

export interface AudienceCheck {
  /** What stops the campaign from being created, each in words the manager can act on. */
  problems: string[];
  preview?: CampaignPreview;
  /** Said beside the form when nobody can be counted yet (no scan, no read of the sign-in log): the run will wait. */
  note?: string;
}

export const PREVIEW_SAMPLE = 5;
const DEPARTMENTS_NAMED = 15;

/**
 * Checks a campaign's audience against the latest scan before it is created: departments must exist (a typo would
 * otherwise reach nobody, silently), an Entra group must exist, and the audience must reach somebody now. Answers
 * how many it would reach, by department, with a few names: the preview the form shows.
 */
export async function checkCampaignAudience(
  deps: AudienceCheckDeps,
  plan: Pick<CampaignPlan, 'audience' | 'target'>,
): Promise<AudienceCheck> {
  const [snapshot] = await deps.posture.latestSnapshots(1);
  if (!snapshot) return { problems: [], note: 'No scan has completed yet, so nobody can be counted: its run will wait for one.' };
  const scope = plan.audience.scope;
  if (scope.kind === 'departments') {
    const unknown = unknownDepartments(scope.departments, Object.keys(snapshot.byDepartment));
    if (unknown) return { problems: [unknown] };
  }
  const choice = await chooseCampaignAudience(deps, plan);
  switch (choice.kind) {
    case 'noScan':
      return { problems: [], note: 'No scan has completed yet, so nobody can be counted: its run will wait for one.' };
    case 'noSmtpRead':
      return { problems: [], note: 'No read of the sign-in log has completed yet, so no owner is known: its run will wait for one.' };
    case 'unknownGroup':
      return { problems: [`No Entra group has the object id ${choice.groupId}: check it in the Entra admin center.`] };
    case 'chosen': {
      const preview = await previewOf(choice.pages());
      return preview.people === 0
        ? {
            problems: ['This campaign would reach nobody now: nobody in the latest scan is in its audience. Change who it is for.'],
            preview,
          }
        : { problems: [], preview };
    }
  }
}

function unknownDepartments(wanted: readonly string[], known: readonly string[]): string | undefined {
  const knownLower = new Set(known.map((name) => name.trim().toLowerCase()));
  const missing = wanted.filter((name) => !knownLower.has(name.trim().toLowerCase()));
  if (missing.length === 0) return undefined;
  const named = known.filter((name) => name.trim() !== '').sort((a, b) => a.localeCompare(b));
  const list =
    named.slice(0, DEPARTMENTS_NAMED).join(', ') +
    (named.length > DEPARTMENTS_NAMED ? ` and ${named.length - DEPARTMENTS_NAMED} more` : '');
  const which = missing.map((name) => `"${name}"`).join(', ');
  return `No department called ${which} in the latest scan. ${named.length === 0 ? 'It found no departments.' : `Its departments: ${list}.`}`;
}

/** Counted a page at a time: memory holds a page and the departments, whatever the audience's size. */
async function previewOf(pages: AsyncIterable<AudiencePage>): Promise<CampaignPreview> {
  let counts = new Map<string, number>();
  let people = 0;
  let sample: string[] = [];
  for await (const page of pages) {
    if (page.restarted) [counts, people, sample] = [new Map(), 0, []];
    for (const person of page.people) counts.set(person.department ?? '', (counts.get(person.department ?? '') ?? 0) + 1);
    people += page.people.length;
    sample.push(...page.people.slice(0, PREVIEW_SAMPLE - sample.length).map((person) => person.displayName));
  }
  return {
    people,
    byDepartment: [...counts.entries()]
      .map(([department, count]) => ({ department, people: count }))
      .sort((a, b) => b.people - a.people || a.department.localeCompare(b.department)),
    sample,
  };
}

/** The departments the latest scan knows, by name (people without one are not a department): the form offers them. */
export async function knownDepartments(deps: Pick<AudienceCheckDeps, 'posture'>): Promise<string[]> {
  const [snapshot] = await deps.posture.latestSnapshots(1);
  return Object.keys(snapshot?.byDepartment ?? {})
    .filter((name) => name !== '')
    .sort((a, b) => a.localeCompare(b));
}

/**
 * A campaign for an Entra group may name it rather than give its id: the form with the name replaced by the id of
 * the one group so named, or what to do when there is none or more than one. Anything else passes as it is (an id,
 * or a name where names cannot be looked up, which the plan then refuses as not an id).
 */
export async function withGroupFound(
  deps: Pick<AudienceCheckDeps, 'groupsNamed'> | undefined,
  form: CampaignForm,
): Promise<{ form: CampaignForm } | { problems: string[] }> {
  const name = typeof form.groupId === 'string' ? form.groupId.trim() : '';
  if (form.scope !== 'group' || name === '' || isGuid(name) || !deps?.groupsNamed) return { form };
  const groups = await deps.groupsNamed(name).catch(() => undefined);
  if (!groups)
    return { problems: [`I couldn't look up the group "${name}" in Microsoft Graph just now: give its object id, or try again.`] };
  if (groups.length === 1) return { form: { ...form, groupId: groups[0]!.id } };
  if (groups.length === 0)
    return { problems: [`No Entra group is named "${name}": check its name in the Entra admin center, or give its object id.`] };
  return {
    problems: [
      `Several Entra groups are named "${name}": give the object id of the one you mean (${groups
        .slice(0, 5)
        .map((group) => group.id)
        .join(', ')}).`,
    ],
  };
}
