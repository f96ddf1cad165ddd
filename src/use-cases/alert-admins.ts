import { alertKey, strongDropOf, type PostureAlert } from '../domain/alerts/posture-alert';
import type { AlertLedger } from '../domain/ports/alert-ledger';
import type { PostureStore } from '../domain/ports/posture-store';
import type { ScanOutcome } from './scan-tenant';

export interface AlertDeps {
  store: Pick<PostureStore, 'listUsers'>;
  ledger: AlertLedger;
  now: () => Date;
  /** A fall of more than this many points in the share with strong MFA between two scans alerts the admins. */
  strongDropPoints: number;
}

/** The most admin accounts one alert names: beyond, the posture card counts them. */
const MOST_ADMINS = 1000;

/**
 * What a scan's end tells the admins, each event once (the ledger's first raise wins, whichever instance): the
 * alerts to send now. A success ends an outage of scans; an admin who has strong MFA again ends theirs.
 */
export async function alertsAfterScan(deps: AlertDeps, outcome: ScanOutcome): Promise<PostureAlert[]> {
  if (outcome.kind === 'alreadyRunning') return [];
  if (outcome.kind === 'failed') return scanFailures(deps, outcome);
  await deps.ledger.clear([...(await deps.ledger.keys('scanFailure')), ...(await deps.ledger.keys('scanFailedTwice'))]);
  const alerts: PostureAlert[] = [];
  const drop = strongDropOf(outcome.snapshot, outcome.previous, deps.strongDropPoints);
  if (drop && (await deps.ledger.raise(alertKey('strongDropped', outcome.snapshot.scanId), 'strongDropped', deps.now()))) alerts.push(drop);
  const admins = await adminsWithoutStrong(deps);
  if (admins) alerts.push(admins);
  return alerts;
}

/** The second failure in a row is told; a third is the same outage, and a success ends it. */
async function scanFailures(deps: AlertDeps, outcome: Extract<ScanOutcome, { kind: 'failed' }>): Promise<PostureAlert[]> {
  const at = deps.now();
  const id = outcome.run?.id ?? at.toISOString();
  await deps.ledger.raise(`scanFailure:${id}`, 'scanFailure', at);
  if ((await deps.ledger.keys('scanFailure')).length !== 2) return [];
  const first = await deps.ledger.raise(alertKey('scanFailedTwice', id), 'scanFailedTwice', at);
  return first ? [{ kind: 'scanFailedTwice', error: outcome.error, at }] : [];
}

/**
 * Admin accounts without strong MFA in this scan that were not so at the last check. The first check only learns
 * who is without it already (the posture card names them): alerts are about what changes.
 */
async function adminsWithoutStrong(deps: AlertDeps): Promise<PostureAlert | undefined> {
  const { users } = await deps.store.listUsers({
    strengths: ['acceptable', 'weak', 'none'],
    adminsOnly: true,
    offset: 0,
    limit: MOST_ADMINS,
  });
  const now = deps.now();
  const current = new Set(users.map((user) => alertKey('adminWithoutStrong', user.id)));
  await deps.ledger.clear((await deps.ledger.keys('adminWithoutStrong')).filter((key) => !current.has(key)));
  const firstCheck = await deps.ledger.raise(alertKey('adminWithoutStrong', 'baseline'), 'baseline', now);
  const fresh: Extract<PostureAlert, { kind: 'adminWithoutStrong' }>['admins'] = [];
  for (const user of users) {
    if (user.strength === 'strong') continue;
    if (await deps.ledger.raise(alertKey('adminWithoutStrong', user.id), 'adminWithoutStrong', now))
      fresh.push({ id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName, strength: user.strength });
  }
  return firstCheck || fresh.length === 0 ? undefined : { kind: 'adminWithoutStrong', admins: fresh };
}
