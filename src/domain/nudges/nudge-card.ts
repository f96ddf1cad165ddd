import type { Article } from '../guidance/article';
import type { MethodKind } from '../mfa/method-kind';
import { classifyMethods, type ClassificationPolicy, type MfaStrength } from '../mfa/mfa-strength';
import { nextStepFor, type NextStep } from '../mfa/next-step';
import { isPhoneOnly, phoneOnlyNudgeReason } from '../mfa/sms-voice-retirement';
import type { Nudge, NudgeSeries } from './nudge';
import type { NudgeTarget } from './nudge-target';
import { snoozeOffer, type SnoozePolicy } from './snooze-policy';

/** A line above the nudge's actions saying what the last press did. */
export type NudgeNotice =
  /** "I've done it", but the live check still finds nothing the nudge's target accepts. */
  | { kind: 'stillMissing'; checkedAt: Date }
  /** The live check did not answer in time: nothing was lost, press again later. `notPermitted`: Graph refused it. */
  | { kind: 'checkUnavailable'; notPermitted?: boolean }
  /**
   * Pressed again too soon after several live checks: no check was made. `lastCheckedAt` is when the latest one
   * found the methods shown, when it is still known; from `retryAt` they may press again.
   */
  | { kind: 'checkLimited'; retryAt: Date; lastCheckedAt?: Date }
  | { kind: 'snoozed'; until: Date; wasLast: boolean }
  | { kind: 'snoozeRefused'; reason: 'not-a-choice' | 'no-snoozes-left' }
  /** A campaign manager's "Send me a test": this copy went to them alone, and its buttons act on no one's nudge. */
  | { kind: 'campaignTest'; campaignName: string }
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
      /** What the card asks for: its steps, its "Set up now" link and what a recheck says is still missing. */
      target: NudgeTarget;
      nextStep: NextStep;
      deadline?: Date;
      /** Their only second step is a phone: why it matters for them is the end of SMS and voice (phoneOnlyNudgeReason). */
      phoneOnlyReason?: string;
      /** null: no snoozes left in this series. */
      snooze: SnoozeChoices | null;
      notice?: NudgeNotice;
    }
  /** What the nudge asked for is there: the series is over. */
  | { kind: 'enrolled'; nudgeId: string; name: string; methods: MethodKind[] }
  /** Pressed by someone the card was not sent to: no one else's details are shown. */
  | { kind: 'notYours' }
  /** The card names a nudge we have no record of (forged, or from another installation). */
  | { kind: 'unknown' };

/**
 * The nudge card for someone with these methods, at this point of their series: the same when sent and when
 * pressed. `target`: what this nudge asks for (its own, else the setting's).
 */
export function nudgeCardFor(
  nudge: Pick<Nudge, 'id' | 'greetingName' | 'deadline'>,
  series: Pick<NudgeSeries, 'snoozesUsed'>,
  methods: MethodKind[],
  policies: { classification: ClassificationPolicy; snooze: SnoozePolicy; now: Date; target: NudgeTarget },
  notice?: NudgeNotice,
): NudgeCard {
  const strength = classifyMethods(methods, policies.classification);
  return {
    kind: 'nudge',
    nudgeId: nudge.id,
    name: nudge.greetingName,
    strength,
    methods,
    target: policies.target,
    nextStep: nextStepFor(strength, methods, policies.classification, policies.target),
    ...(nudge.deadline ? { deadline: nudge.deadline } : {}),
    ...(isPhoneOnly(methods) ? { phoneOnlyReason: phoneOnlyNudgeReason(policies.now) } : {}),
    snooze: snoozeOffer(series.snoozesUsed, policies.snooze),
    ...(notice ? { notice } : {}),
  };
}
