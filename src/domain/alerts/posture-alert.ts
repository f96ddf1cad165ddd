import type { MfaStrength } from '../mfa/mfa-strength';
import { postureFigures } from '../mfa/posture-figures';
import type { PostureSnapshot } from '../mfa/posture-counts';

/**
 * What admins are told without asking, privately: an admin account that lost strong MFA since the last scan, the
 * share with strong MFA fallen by more than the set number of points between two scans, or scans that failed
 * twice in a row (the figures everyone reads are going stale).
 */
export type PostureAlert =
  | {
      kind: 'adminWithoutStrong';
      admins: { id: string; displayName: string; userPrincipalName: string; strength: Exclude<MfaStrength, 'strong'> }[];
    }
  | { kind: 'strongDropped'; fromPercent: number; toPercent: number; previousTakenAt: Date; takenAt: Date }
  | { kind: 'scanFailedTwice'; error: string; at: Date };

export type AlertKind = PostureAlert['kind'];

/** What an alert's event is called in the ledger, so that each fires once: its kind and what it is about. */
export function alertKey(kind: AlertKind, about: string): string {
  return `${kind}:${about}`;
}

/** The default fall, in points of the share with strong MFA, between two scans that alerts the admins. */
export const DEFAULT_STRONG_DROP_POINTS = 5;

/**
 * The fall in the share with strong MFA from the previous scan to this one, when it is more than `points` (a fall
 * of exactly `points` does not alert: "more than N points").
 */
export function strongDropOf(
  snapshot: PostureSnapshot,
  previous: PostureSnapshot | undefined,
  points: number,
): Extract<PostureAlert, { kind: 'strongDropped' }> | undefined {
  if (!previous) return undefined;
  const now = postureFigures(snapshot.overall);
  const before = postureFigures(previous.overall);
  if (now.counted === 0 || before.counted === 0) return undefined;
  if (before.strongPercent - now.strongPercent <= points) return undefined;
  return {
    kind: 'strongDropped',
    fromPercent: before.strongPercent,
    toPercent: now.strongPercent,
    previousTakenAt: previous.takenAt,
    takenAt: snapshot.takenAt,
  };
}
