import type { MethodKind } from './method-kind';

/** How well someone is protected, from their strongest registered method. */
export type MfaStrength = 'strong' | 'acceptable' | 'weak' | 'none';

export const STRENGTHS_STRONGEST_FIRST: readonly MfaStrength[] = ['strong', 'acceptable', 'weak', 'none'];

/** Which methods count as what; configurable per tenant, this is the default. */
export interface ClassificationPolicy {
  strong: readonly MethodKind[];
  acceptable: readonly MethodKind[];
  weak: readonly MethodKind[];
}

export const DEFAULT_CLASSIFICATION_POLICY: ClassificationPolicy = {
  // Microsoft Authenticator (push with number matching, or passwordless) and phishing-resistant methods.
  strong: [
    'authenticatorPush',
    'authenticatorPasswordless',
    'fido2SecurityKey',
    'passkey',
    'syncedPasskey',
    'windowsHelloForBusiness',
    'platformCredential',
    'certificate',
  ],
  // One-time codes: better than SMS, but phishable and not push. An external method and one this version does
  // not know are MFA the directory counts, whose strength MFA Coach cannot judge: never "none", never chased.
  acceptable: ['softwareOath', 'hardwareOath', 'externalAuth', 'unknownMethod'],
  // Codes over the phone network or email: interceptable (SIM swap, forwarding).
  weak: ['sms', 'voice', 'email'],
};

export function classifyMethods(methods: readonly MethodKind[], policy: ClassificationPolicy = DEFAULT_CLASSIFICATION_POLICY): MfaStrength {
  if (methods.some((m) => policy.strong.includes(m))) return 'strong';
  if (methods.some((m) => policy.acceptable.includes(m))) return 'acceptable';
  if (methods.some((m) => policy.weak.includes(m))) return 'weak';
  return 'none';
}

/**
 * Phishing-resistant methods, as Entra's built-in "Phishing-resistant MFA" authentication strength lists them:
 * passkeys (FIDO2, device-bound or synced), Windows Hello for Business, Platform Credential for macOS and
 * certificate-based authentication (multifactor). A fact, not a tenant setting: CISA's SCuBA baseline asks for
 * these for everyone and for privileged roles first.
 */
export const PHISHING_RESISTANT_METHODS: readonly MethodKind[] = [
  'fido2SecurityKey',
  'passkey',
  'syncedPasskey',
  'windowsHelloForBusiness',
  'platformCredential',
  'certificate',
];

export function isPhishingResistant(methods: readonly MethodKind[]): boolean {
  return methods.some((m) => PHISHING_RESISTANT_METHODS.includes(m));
}
