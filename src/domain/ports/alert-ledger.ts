import type { AlertKind } from '../alerts/posture-alert';

/**
 * The events admins were alerted about, so that each is told once, whichever instance sees it: the first `raise`
 * of a key wins. Kinds that end (an admin who got strong MFA back, a scan that succeeded) are cleared, so that the
 * same thing happening again is a new event.
 */
export interface AlertLedger {
  /** Records the event; true only for the first caller. */
  raise(key: string, kind: AlertKind | 'scanFailure' | 'baseline', at: Date): Promise<boolean>;
  /** The keys of one kind still recorded. */
  keys(kind: AlertKind | 'scanFailure' | 'baseline'): Promise<string[]>;
  /** Forgets these keys (events that are over). */
  clear(keys: readonly string[]): Promise<void>;
}
