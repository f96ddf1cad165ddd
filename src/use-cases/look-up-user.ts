import { errorCodeOf, type ErrorCode } from '../domain/errors';
import { classifyRegistration } from '../domain/mfa/classify-registration';
import type { ClassificationPolicy } from '../domain/mfa/mfa-strength';
import type { RatePolicy } from '../domain/mfa/rate-policy';
import type { UserMfaStatus } from '../domain/mfa/user-registration';
import type { Directory } from '../domain/ports/directory';
import type { PostureStore } from '../domain/ports/posture-store';

export interface LookUpUserDeps {
  store: Pick<PostureStore, 'findUsers'>;
  directory: Pick<Directory, 'currentMethods'>;
  policy: ClassificationPolicy;
  rates: RatePolicy;
  now: () => Date;
}

/** How many matches an admin is shown to choose from. */
export const MOST_MATCHES_SHOWN = 5;

/**
 * One person's MFA as it is now: checked live, since the registration report lags hours behind what people just
 * did; the last scan's view when the live check fails, saying why (its code in the error catalogue).
 */
export type CheckedUser =
  { source: 'live'; status: UserMfaStatus; checkedAt: Date } | { source: 'report'; status: UserMfaStatus; liveCheckFailed: ErrorCode };

export type UserLookUp =
  { kind: 'noMatch' } | { kind: 'several'; matches: UserMfaStatus[]; more: boolean } | ({ kind: 'found' } & CheckedUser);

/** An admin's "user <name or UPN>": the person the query names, or the people it could mean. */
export async function lookUpUser(deps: LookUpUserDeps, query: string): Promise<UserLookUp> {
  const matches = await deps.store.findUsers(query, MOST_MATCHES_SHOWN + 1);
  if (matches.length === 0) return { kind: 'noMatch' };
  const exact = matches.find((m) => m.userPrincipalName.toLowerCase() === query.trim().toLowerCase());
  const one = exact ?? (matches.length === 1 ? matches[0] : undefined);
  if (!one) return { kind: 'several', matches: matches.slice(0, MOST_MATCHES_SHOWN), more: matches.length > MOST_MATCHES_SHOWN };
  return { kind: 'found', ...(await checkUserLive(deps, one)) };
}

/** The person's methods read live and classified as the scans do; the scan's view, and why, when Graph fails. */
export async function checkUserLive(deps: Omit<LookUpUserDeps, 'store'>, person: UserMfaStatus): Promise<CheckedUser> {
  try {
    const methods = await deps.directory.currentMethods(person.id);
    const status = classifyRegistration({ ...person, methods, isMfaRegistered: methods.length > 0 }, deps.policy, deps.rates);
    return { source: 'live', status, checkedAt: deps.now() };
  } catch (error) {
    return { source: 'report', status: person, liveCheckFailed: errorCodeOf(error) };
  }
}
