import type { MethodKind } from '../mfa/method-kind';
import type { MfaStrength } from '../mfa/mfa-strength';
import type { Nudge, NudgeAction, NudgeSeries, NudgeSource, NudgeStatus } from '../nudges/nudge';
import type { NudgeTarget } from '../nudges/nudge-target';

export interface NudgeRequestRecord {
  userId: string;
  source: NudgeSource;
  requestedBy?: string;
  deadline?: Date;
  recipientName: string;
  greetingName: string;
  strength: MfaStrength;
  methods: MethodKind[];
  /** What the card asks them to set up; kept so that "I've done it" checks for the same. */
  target?: NudgeTarget;
  now: Date;
  /**
   * The campaign delivery this nudge is for. A reservation an earlier attempt of the same delivery left behind
   * (its sender stopped before the card left: the delivery was not marked as on its way) is given up first.
   */
  campaignDeliveryId?: string;
  /**
   * The request's own key (a job's id, the same on each of its retries). A nudge already reserved under it is
   * answered instead of a new one, unless that earlier attempt stopped before its card left.
   */
  requestKey?: string;
}

/** Whether a nudge may go now, decided from the person's open series and their recent sends. */
export type ReservationDecision = { kind: 'go' } | { kind: 'deferred'; reason: 'snoozed' | 'frequencyCap'; notBefore: Date };

export type Reservation =
  | { kind: 'reserved'; nudge: Nudge; series: NudgeSeries }
  /** The same request (its key) got this far before: its nudge, never a second one. */
  | { kind: 'repeated'; nudge: Nudge }
  | Extract<ReservationDecision, { kind: 'deferred' }>;

export interface DeliveryRecord {
  status: Exclude<NudgeStatus, 'sending'>;
  /** A short reason code (e.g. ConversationBlockedByUser); never message text with personal data. */
  detail?: string;
  retryAt?: Date;
  conversationId?: string;
  activityId?: string;
}

/** A nudge as kept, with the short reason code its delivery recorded (e.g. ConversationBlockedByUser), if any. */
export interface RecordedNudge {
  nudge: Nudge;
  detail?: string;
}

/** Nudges, their series and what people did with them. */
export interface NudgeStore {
  /**
   * Opens (or continues) the person's series and, if `decide` says go, records a nudge as `sending`, all in one
   * transaction per person, so two senders at once cannot both pass the frequency cap. `decide` sees the sends
   * since `sentSince`, reserved ones included.
   */
  reserve(
    request: NudgeRequestRecord,
    sentSince: Date,
    decide: (series: NudgeSeries, sentAt: Date[]) => ReservationDecision,
  ): Promise<Reservation>;
  /**
   * Marks a keyed nudge as on its way, just before its request leaves; false if it is no longer `sending`. From
   * then on a repeat of its request finds it, and never sends again.
   */
  markSendStarted(nudgeId: string, at: Date): Promise<boolean>;
  /** What happened to a reserved nudge. Only a `sent` or `uncertain` nudge keeps counting towards the cap. */
  recordDelivery(nudgeId: string, delivery: DeliveryRecord, at: Date): Promise<void>;
  find(nudgeId: string): Promise<{ nudge: Nudge; series: NudgeSeries } | undefined>;
  /** The person's most recent nudge and how its delivery went; undefined when they were never nudged. */
  latestTo(userId: string): Promise<RecordedNudge | undefined>;
  /** The person's series that has not ended, if any. */
  openSeries(userId: string): Promise<NudgeSeries | undefined>;
  /** Uses one snooze if the series still has `expectedUsed` (a double press cannot use two); false otherwise. */
  snooze(seriesId: string, until: Date, expectedUsed: number): Promise<boolean>;
  endSeries(seriesId: string, reason: 'enrolled', at: Date): Promise<void>;
  recordAction(action: NudgeAction): Promise<void>;
  actionsOf(nudgeId: string): Promise<NudgeAction[]>;
}
