import type { MethodKind } from '../mfa/method-kind';
import type { MfaStrength } from '../mfa/mfa-strength';
import type { NudgeTarget } from './nudge-target';

/**
 * A nudge is one reminder card sent to one person. Nudges to the same person belong to a series, which
 * ends when they have strong MFA; snoozes are counted per series, so "remind me later" cannot be pressed
 * forever, and a fresh series starts if someone loses strong MFA again later.
 */
export type NudgeSource = 'admin' | 'reminder' | 'campaign';

export interface NudgeSeries {
  id: string;
  userId: string;
  startedAt: Date;
  endedAt?: Date;
  /** Why the series ended: strong MFA was confirmed (by a live recheck or a scan). */
  endReason?: 'enrolled';
  snoozesUsed: number;
  snoozedUntil?: Date;
}

/**
 * Where a nudge got to. `sending` is the reservation made before the card leaves, so two senders cannot both pass
 * the cap. `uncertain`: its request left and no definite answer came; it counts as sent and is never sent again.
 */
export type NudgeStatus = 'sending' | 'sent' | 'uncertain' | 'throttled' | 'blocked' | 'notInstallable' | 'failed';

export interface Nudge {
  id: string;
  seriesId: string;
  userId: string;
  source: NudgeSource;
  /** Who asked for it (an admin's object id), when a person did. */
  requestedBy?: string;
  createdAt: Date;
  /** What the card showed when sent: whom it greeted, the strength and methods the live check found. */
  recipientName: string;
  /** First name, or the display name when the directory has none. */
  greetingName: string;
  strength: MfaStrength;
  methods: MethodKind[];
  deadline?: Date;
  /**
   * What the card asked them to set up (a campaign's choice, else the setting), which "I've done it" checks for.
   * Absent on nudges from before it was kept: the setting's applies.
   */
  target?: NudgeTarget;
  status: NudgeStatus;
  sentAt?: Date;
  conversationId?: string;
  activityId?: string;
}

/** What a person did with a nudge card. `viewed` is the card's automatic refresh: Teams asks when the card is shown. */
export type NudgeActionKind = 'viewed' | 'recheck' | 'snooze' | 'help';

export type NudgeActionResult =
  | 'shown'
  | 'enrolled'
  | 'stillMissing'
  | 'checkUnavailable'
  /** "I've done it" again while over the person's live-check limit: answered without a check. */
  | 'checkLimited'
  | 'snoozed'
  | 'snoozeRefused'
  | 'helpShown'
  | 'seriesEnded'
  /** Someone other than the recipient pressed it (a forged or forwarded card): refused, recorded. */
  | 'notYours';

export interface NudgeAction {
  nudgeId: string;
  actorId: string;
  action: NudgeActionKind;
  result: NudgeActionResult;
  at: Date;
  /** Small facts about the action (snooze days, whether the help desk was told); never card contents. */
  detail?: Record<string, string | number | boolean>;
}
