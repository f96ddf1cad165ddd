import type { NudgeTarget } from '../nudges/nudge-target';
import type { SendingHours } from '../nudges/quiet-hours';
import type { CampaignAudience } from './campaign-audience';
import type { CampaignSchedule } from './campaign-schedule';

/** What a campaign manager decides when creating a campaign (see campaign-plan.ts for the form's rules). */
export interface CampaignPlan {
  name: string;
  audience: CampaignAudience;
  schedule: CampaignSchedule;
  /** When a nudge may reach each recipient, in their own time zone. */
  window: SendingHours;
  /**
   * What its cards ask people to set up, and what their "I've done it" checks for. Absent on campaigns created
   * before there was a choice: the NUDGE_TARGET setting applies to them.
   */
  target?: NudgeTarget;
  /** Shown on the card ("please set up by …"), a local date, YYYY-MM-DD; none when unset. */
  deadline?: string;
  /** At most this many nudges per person over the whole campaign. */
  maxNudgesPerPerson: number;
  /** After this many nudges a person left unanswered, their manager gets one summary of their reports; none when unset. */
  escalateAfter?: number;
}

export type CampaignStatus = 'active' | 'paused' | 'cancelled' | 'finished';

export interface Campaign extends CampaignPlan {
  id: string;
  /** Short and typeable: "campaign 3". */
  number: number;
  /** Entra object id and name of the campaign manager who created it; run summaries go to them. */
  ownerId: string;
  ownerName: string;
  status: CampaignStatus;
  createdAt: Date;
  /** Why it cannot go on as planned (its group is gone, a run found no scan), until a run starts again. */
  problem?: { text: string; at: Date };
}
