import type { MethodKind } from './method-kind';
import type { MfaStrength } from './mfa-strength';
import type { PhoneType } from './sms-voice-retirement';

/** One person's MFA registration as the directory reports it, joined with who they are. */
export interface UserRegistration {
  id: string;
  userPrincipalName: string;
  displayName: string;
  /** From the directory walk; absent when the directory has none (or the scan predates it). */
  givenName?: string;
  userType: 'member' | 'guest';
  /** Undefined when the source does not say (the registration report leaves disabled accounts out). */
  accountEnabled?: boolean;
  isAdmin: boolean;
  isMfaCapable: boolean;
  isMfaRegistered: boolean;
  methods: MethodKind[];
  /** The phone numbers Entra keeps for them, by type (what each can do differs); absent when there are none. */
  phoneTypes?: PhoneType[];
  department?: string;
  jobTitle?: string;
  managerId?: string;
  /** When the report last refreshed this row (the report lags hours behind reality). */
  reportUpdatedAt?: Date;
}

/** A registration after the policy has judged it. */
export interface UserMfaStatus extends UserRegistration {
  strength: MfaStrength;
  /** An administrator without strong MFA: the most urgent gap there is. */
  isCriticalAdmin: boolean;
  /** Guests and disabled accounts are left out of rates by default. */
  countsInRates: boolean;
  /**
   * False when the registration report had no row for them: their methods are unknown (not "none"), and no
   * campaign nudges them. Absent means known.
   */
  inReport?: boolean;
}
