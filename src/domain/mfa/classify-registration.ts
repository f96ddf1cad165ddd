import { classifyMethods, DEFAULT_CLASSIFICATION_POLICY, type ClassificationPolicy, type MfaStrength } from './mfa-strength';
import { countsInRates, DEFAULT_RATE_POLICY, type RatePolicy } from './rate-policy';
import type { UserMfaStatus, UserRegistration } from './user-registration';

/**
 * An administrator who can sign in without strong MFA. Guests count (an admin role is an admin role,
 * whoever's account holds it); disabled accounts do not, since nobody can sign in with them.
 */
export function isCriticalAdmin(person: Pick<UserRegistration, 'isAdmin' | 'accountEnabled'>, strength: MfaStrength): boolean {
  return person.isAdmin && strength !== 'strong' && person.accountEnabled !== false;
}

/** Judges one registration by the tenant's policies. */
export function classifyRegistration(
  registration: UserRegistration,
  policy: ClassificationPolicy = DEFAULT_CLASSIFICATION_POLICY,
  rates: RatePolicy = DEFAULT_RATE_POLICY,
): UserMfaStatus {
  const strength = classifyMethods(registration.methods, policy);
  return {
    ...registration,
    strength,
    isCriticalAdmin: isCriticalAdmin(registration, strength),
    countsInRates: countsInRates(registration, rates),
  };
}
