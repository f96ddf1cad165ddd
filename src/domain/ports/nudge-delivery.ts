import type { StoredConversationReference } from './conversation-reference-store';
import type { NudgeCard } from '../nudges/nudge-card';
import type { SendGate } from './send-gate';
import type { ManagerSummary } from '../campaigns/campaign-escalation';
import type { SmtpOwnerCard } from '../smtp/smtp-owner-card';

/** What became of one send, as data: the caller decides whether to retry, wait or give up. */
export type DeliveryOutcome =
  | { kind: 'sent'; conversationId: string; activityId?: string }
  /** Teams or Graph asked us to slow down; try again after this long. */
  | { kind: 'throttled'; retryAfterMs: number }
  /** 403: the person blocked or removed the bot. Not retried: they have said no. */
  | { kind: 'blocked'; code: string }
  /** The app is not installed for them and cannot be (not in the catalog, install not allowed or not configured). */
  | { kind: 'notInstallable'; reason: string }
  /**
   * Not delivered. `transient`: worth trying again later (412, a Connector that could not be reached, a request
   * stopped before it left); otherwise it will fail the same way. `status`: Teams' HTTP answer, where a caller tells
   * refusals apart by it (opening a chat: a 404 may only mean that a fresh install has not reached Teams yet).
   */
  | { kind: 'failed'; reason: string; transient?: boolean; status?: number }
  /**
   * The card's request left and no definite answer came back (5xx, no answer in time, a cut connection): Teams may
   * have shown it. Never sent again: a second card is worse than a missing one, and the next nudge will come.
   */
  | { kind: 'uncertain'; reason: string };

/** What opening a chat can answer besides the chat: never "uncertain" (opening the same 1:1 chat twice is harmless). */
export type ChatOutcome = Exclude<DeliveryOutcome, { kind: 'sent' | 'uncertain' }>;

export type InstallOutcome =
  | { kind: 'installed' }
  /** Graph's 409: it already was. */
  | { kind: 'alreadyInstalled' }
  | Extract<DeliveryOutcome, { kind: 'notInstallable' | 'throttled' | 'failed' }>;

/** Installs the bot for a person (Graph's installedApps), so that it may write to them first. */
export interface AppInstaller {
  installFor(userId: string): Promise<InstallOutcome>;
}

/** Talks to people in their 1:1 chat with the bot (Teams). */
export interface NudgeMessenger {
  /** Creates (or finds: Teams answers the same id each time) the 1:1 chat with someone the bot is installed for. */
  openPersonalChat(userId: string): Promise<{ kind: 'opened'; reference: StoredConversationReference } | ChatOutcome>;
  /**
   * `mark` (the sender's gate's) is called as the very last step, once everything else is ready and just before
   * the request leaves for Teams: a campaign marks its delivery there, so that a crash between the mark and the
   * request is as unlikely as it can be. False stops the send (a transient failure); an error it throws is thrown on.
   */
  send(reference: StoredConversationReference, card: NudgeCard, mark?: SendGate['mark']): Promise<DeliveryOutcome>;
  /** A campaign's escalation: one card to a manager listing their direct reports still not set up. */
  sendManagerSummary(reference: StoredConversationReference, summary: ManagerSummary): Promise<DeliveryOutcome>;
  /** The card to the owner of accounts that send mail with a password (SMTP AUTH); `mark` as for `send`. */
  sendSmtpOwnerCard(reference: StoredConversationReference, card: SmtpOwnerCard, mark?: SendGate['mark']): Promise<DeliveryOutcome>;
}
