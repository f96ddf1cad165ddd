import type { MethodKind } from '../mfa/method-kind';
import { isPhishingResistant, type MfaStrength } from '../mfa/mfa-strength';

/**
 * What a nudge asks people to set up, chosen by the operator (NUDGE_TARGET) and per campaign: Microsoft
 * Authenticator, a passkey, or either. It decides the card's steps and link, and when "I've done it" ends the series.
 *
 * A passkey here is any phishing-resistant method Entra accepts for its "Phishing-resistant MFA" strength: a
 * passkey in Microsoft Authenticator, a platform passkey (Windows Hello, iCloud Keychain, Google Password Manager),
 * a security key, Windows Hello for Business, Platform Credential for macOS or a certificate.
 */
export const NUDGE_TARGETS = ['authenticator', 'passkey', 'either'] as const;

export type NudgeTarget = (typeof NUDGE_TARGETS)[number];

/** Today's behaviour: Microsoft Authenticator's steps, and done at strong MFA. */
export const DEFAULT_NUDGE_TARGET: NudgeTarget = 'authenticator';

export function isNudgeTarget(value: unknown): value is NudgeTarget {
  return typeof value === 'string' && (NUDGE_TARGETS as readonly string[]).includes(value);
}

/** Microsoft Authenticator's push or passwordless phone sign-in: strong, but a code-free approval a fake page can still relay. */
export function hasAuthenticator(methods: readonly MethodKind[]): boolean {
  return methods.includes('authenticatorPush') || methods.includes('authenticatorPasswordless');
}

/**
 * Whether someone has what the target asks for, so that nothing more is asked of them. `strength` is their
 * classification (the tenant's rule of strong: by default Microsoft Authenticator or a phishing-resistant method).
 *
 * - authenticator: strong. Someone who already has a passkey is not chased to install Authenticator as well.
 * - either: strong, the same rule; only the card's words differ (they offer both).
 * - passkey: a phishing-resistant method. Authenticator's push alone is not enough: it can be relayed by a fake page.
 */
export function meetsTarget(target: NudgeTarget, strength: MfaStrength, methods: readonly MethodKind[]): boolean {
  return target === 'passkey' ? isPhishingResistant(methods) : strength === 'strong';
}
