import { hasAuthenticator, type NudgeTarget } from '../nudges/nudge-target';
import type { MethodKind } from './method-kind';
import { isPhishingResistant, type ClassificationPolicy, type MfaStrength } from './mfa-strength';

/**
 * The one thing to do next, by how someone signs in today and what they are asked for (the nudge target). One
 * step, not a list: the step that moves them up a level (nothing → Authenticator; SMS, voice or email only →
 * Authenticator, since those can be intercepted or phished; codes → Authenticator push or a passkey), and for the
 * strong, a second strong method so that a lost phone does not lock them out.
 *
 * Asked for a passkey, anyone without a phishing-resistant method is asked to add one, Authenticator users too
 * (`addPasskey`, `hasAuthenticator`: the easiest way is a passkey in the app they already have). Asked for either,
 * the first steps offer a passkey beside Authenticator (`orPasskey`).
 */
export type NextStep =
  | { kind: 'setUpAuthenticator'; orPasskey?: true }
  | { kind: 'replaceWeakMethods'; weak: MethodKind[]; orPasskey?: true }
  | { kind: 'upgradeFromCodes' }
  /**
   * Their MFA is a method MFA Coach cannot judge (an external provider Entra trusts, or one this version does not
   * know): nothing to ask of them, and nothing to send them to set up, which could clash with that provider.
   */
  | { kind: 'managedElsewhere' }
  | { kind: 'addPasskey'; hasAuthenticator: boolean }
  | { kind: 'addBackupStrongMethod' }
  | { kind: 'nothing' };

/** One-time code methods: what "upgrade from codes" means. */
const CODES: readonly MethodKind[] = ['softwareOath', 'hardwareOath'];

export function nextStepFor(
  strength: MfaStrength,
  methods: readonly MethodKind[],
  policy: ClassificationPolicy,
  target: NudgeTarget = 'authenticator',
): NextStep {
  if (target === 'passkey' && !isPhishingResistant(methods)) return { kind: 'addPasskey', hasAuthenticator: hasAuthenticator(methods) };
  const orPasskey = target === 'either' ? { orPasskey: true as const } : {};
  switch (strength) {
    case 'none':
      return { kind: 'setUpAuthenticator', ...orPasskey };
    case 'weak':
      return { kind: 'replaceWeakMethods', weak: methods.filter((method) => policy.weak.includes(method)), ...orPasskey };
    case 'acceptable':
      return methods.some((method) => CODES.includes(method)) ? { kind: 'upgradeFromCodes' } : { kind: 'managedElsewhere' };
    case 'strong':
      return strongDevices(methods, policy) >= 2 ? { kind: 'nothing' } : { kind: 'addBackupStrongMethod' };
  }
}

/** Authenticator's push and passwordless sign-in live on the same phone: together they are no backup for each other. */
function strongDevices(methods: readonly MethodKind[], policy: ClassificationPolicy): number {
  const sameAuthenticator = (method: MethodKind): MethodKind => (method === 'authenticatorPasswordless' ? 'authenticatorPush' : method);
  return new Set(methods.filter((method) => policy.strong.includes(method)).map(sameAuthenticator)).size;
}
