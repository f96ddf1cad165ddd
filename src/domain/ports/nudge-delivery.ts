import type { StoredConversationReference } from './conversation-reference-store';
import type { NudgeCard } from '../nudges/nudge-card';
import type { ManagerSummary } from '../campaigns/campaign-escalation';

/** What became of one send, as data: the caller decides whether to retry, wait or give up. */
export type DeliveryOutcome =
  | { kind: 'sent'; conversationId: string; activityId?: string }
  /** Teams or Graph asked us to slow down; try again after this long. */
  | { kind: 'throttled'; retryAfterMs: number }
  /** 403: the person blocked or removed the bot. Not retried: they have said no. */
  | { kind: 'blocked'; code: string }
  /** The app is not installed for them and cannot be (not in the catalog, install not allowed or not configured). */
  | { kind: 'notInstallable'; reason: string }
  /** `transient`: worth trying again later (412, 502, 503, 504, no answer); otherwise it will fail the same way. */
  | { kind: 'failed'; reason: string; transient?: boolean };

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
  openPersonalChat(userId: string): Promise<{ kind: 'opened'; reference: StoredConversationReference } | Exclude<DeliveryOutcome, { kind: 'sent' }>>;
  /**
   * `beforeRequest` is called as the very last step, once everything else is ready and just before the request
   * leaves for Teams: a campaign marks its delivery there, so that a crash between the mark and the request is
   * as unlikely as it can be. False stops the send (a transient failure); an error it throws is thrown on.
   */
  send(reference: StoredConversationReference, card: NudgeCard, beforeRequest?: () => Promise<boolean>): Promise<DeliveryOutcome>;
  /** A campaign's escalation: one card to a manager listing their direct reports still not set up. */
  sendManagerSummary(reference: StoredConversationReference, summary: ManagerSummary): Promise<DeliveryOutcome>;
}
