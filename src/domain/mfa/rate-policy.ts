import type { UserRegistration } from './user-registration';

/** Who counts in rates. Guests and disabled accounts are left out by default. */
export interface RatePolicy {
  includeGuests: boolean;
  includeDisabled: boolean;
}

/**
 * Guests are another organisation's to protect, and disabled accounts cannot sign in: counting them would
 * make the rates move for reasons no nudge can change.
 */
export const DEFAULT_RATE_POLICY: RatePolicy = { includeGuests: false, includeDisabled: false };

/** An account whose state the source does not report (the registration report alone) counts as enabled. */
export function countsInRates(
  person: Pick<UserRegistration, 'userType' | 'accountEnabled'>,
  rates: RatePolicy = DEFAULT_RATE_POLICY,
): boolean {
  if (person.userType === 'guest' && !rates.includeGuests) return false;
  if (person.accountEnabled === false && !rates.includeDisabled) return false;
  return true;
}
