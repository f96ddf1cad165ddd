/** Where an owner's nudge got to; the same meanings as a nudge's (nudge.ts). */
export type SmtpOwnerNudgeStatus = 'sending' | 'sent' | 'uncertain' | 'throttled' | 'blocked' | 'notInstallable' | 'failed';

export type SmtpOwnerNudgeSource = 'admin' | 'campaign';

export interface SmtpOwnerNudge {
  id: string;
  ownerId: string;
  /** The sending accounts the card was about (Entra object ids), latest seen first. */
  accountIds: string[];
  source: SmtpOwnerNudgeSource;
  requestedBy?: string;
  createdAt: Date;
  status: SmtpOwnerNudgeStatus;
  sentAt?: Date;
  conversationId?: string;
  activityId?: string;
  /** A short reason code (e.g. ConversationBlockedByUser); never message text. */
  detail?: string;
}

export interface SmtpOwnerNudgeRequest {
  ownerId: string;
  accountIds: readonly string[];
  source: SmtpOwnerNudgeSource;
  requestedBy?: string;
  now: Date;
  /** The request's own key, the same on each retry (a job's id): a nudge already reserved under it is answered instead. */
  requestKey?: string;
}

export type SmtpOwnerReservation =
  | { kind: 'reserved'; nudge: SmtpOwnerNudge }
  /** The same request (its key) got this far before: its nudge, never a second one. */
  | { kind: 'repeated'; nudge: SmtpOwnerNudge }
  | { kind: 'deferred'; reason: 'frequencyCap'; notBefore: Date };

/**
 * The cards sent to owners of accounts that send mail with a password (SQL in production): one row per card, so
 * the frequency cap holds for them as for MFA nudges, and an admin can see who was told what and when.
 */
export interface SmtpOwnerNudges {
  /**
   * Records a nudge as `sending` if `decide` says go, in one transaction per owner, so two senders at once cannot
   * both pass the cap. `decide` sees the owner's sends (sending, sent or uncertain) since `sentSince`.
   */
  reserve(
    request: SmtpOwnerNudgeRequest,
    sentSince: Date,
    decide: (sentAt: Date[]) => { kind: 'go' } | { kind: 'deferred'; reason: 'frequencyCap'; notBefore: Date },
  ): Promise<SmtpOwnerReservation>;
  /** Marks a keyed nudge as on its way, just before its card leaves; false if it is no longer `sending`. */
  markSendStarted(nudgeId: string, at: Date): Promise<boolean>;
  /** What happened to a reserved nudge. Only a `sent` or `uncertain` one keeps counting towards the cap. */
  recordDelivery(
    nudgeId: string,
    delivery: { status: Exclude<SmtpOwnerNudgeStatus, 'sending'>; detail?: string; conversationId?: string; activityId?: string },
    at: Date,
  ): Promise<void>;
  /** The owner's nudges, newest first, at most `limit`. */
  latestTo(ownerId: string, limit: number): Promise<SmtpOwnerNudge[]>;
}
