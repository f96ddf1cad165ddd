import type { FrequencyCap } from './frequency-cap';
import type { NudgeTarget } from './nudge-target';
import type { SendingHours } from './quiet-hours';
import type { SnoozePolicy } from './snooze-policy';

/** How nudges are paced, and what they ask for, set once by the operator. */
export interface NudgePolicy {
  /** When a nudge may arrive, in the recipient's own time zone. */
  sendingHours: SendingHours;
  /** For people whose mailbox names no time zone (or names one we cannot read). */
  defaultTimeZone: string;
  /** Across every source: admin commands, campaigns and snooze reminders alike. */
  cap: FrequencyCap;
  snooze: SnoozePolicy;
  /**
   * What nudges ask people to set up unless a campaign chooses otherwise (NUDGE_TARGET); unset: Microsoft
   * Authenticator (DEFAULT_NUDGE_TARGET), as before there was a choice.
   */
  target?: NudgeTarget;
}
