import type { Article } from '../guidance/article';
import type { MethodKind } from '../mfa/method-kind';
import type { MfaStrength } from '../mfa/mfa-strength';
import type { NextStep } from '../mfa/next-step';

/** A line above the nudge's actions saying what the last press did. */
export type NudgeNotice =
  /** "I've done it", but the live check still finds no strong method. */
  | { kind: 'stillMissing'; checkedAt: Date }
  /** The live check did not answer in time: nothing was lost, press again later. */
  | { kind: 'checkUnavailable' }
  | { kind: 'snoozed'; until: Date; wasLast: boolean }
  | { kind: 'snoozeRefused'; reason: 'not-a-choice' | 'no-snoozes-left' }
  /** "I need help": the article for their next step, and whether the help desk was told (or whom to contact). */
  | { kind: 'help'; article?: Article; helpDeskTold: boolean; contact?: string };

export interface SnoozeChoices {
  choicesDays: number[];
  remaining: number;
  /** The next snooze is the last one allowed: the card says so. */
  nextIsLast: boolean;
}

/** What a nudge card shows, whatever renders it. */
export type NudgeCard =
  | {
      kind: 'nudge';
      nudgeId: string;
      /** First name, or the display name when the directory has none. */
      name: string;
      strength: MfaStrength;
      methods: MethodKind[];
      nextStep: NextStep;
      deadline?: Date;
      /** null: no snoozes left in this series. */
      snooze: SnoozeChoices | null;
      notice?: NudgeNotice;
    }
  /** Strong MFA is there: the series is over. */
  | { kind: 'enrolled'; nudgeId: string; name: string; methods: MethodKind[] }
  /** Pressed by someone the card was not sent to: no one else's details are shown. */
  | { kind: 'notYours' }
  /** The card names a nudge we have no record of (forged, or from another installation). */
  | { kind: 'unknown' };
