import { PLAN_LIMITS, type CampaignForm } from './campaign-plan';
import type { CampaignAudience } from './campaign-audience';

/** The admin lists a campaign can be started from: no MFA, only weak MFA, SMS and voice alone. */
export type PeopleList = 'unenrolled' | 'weak' | 'phone-only';

/** Whom each list holds, as a campaign's audience says it: the same people as the list, whenever a run starts. */
const GAPS: Record<PeopleList, CampaignAudience['gaps']> = { unenrolled: 'none', weak: 'weak', 'phone-only': 'phoneOnly' };

const NAMES: Record<PeopleList, string> = { unenrolled: 'No MFA', weak: 'Weak MFA only', 'phone-only': 'SMS and voice only' };

/**
 * The campaign form filled for the people a list holds ("Campaign for these people" on `unenrolled Sales`): their
 * gap and their department, every other field left to the form's defaults for the manager to choose. Each run takes
 * whoever is on the list then, so people who enrol in the meantime are not reminded.
 */
export function campaignFormForList(list: PeopleList, department?: string): CampaignForm & { name: string } {
  return {
    name: department ? `${NAMES[list]} in ${department}`.slice(0, PLAN_LIMITS.name) : NAMES[list],
    gaps: GAPS[list],
    scheduleKind: 'now',
    ...(department ? { scope: 'departments', departments: department } : { scope: 'all' }),
  };
}
