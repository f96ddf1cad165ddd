import type { MethodKind } from './method-kind';
import type { ClassificationPolicy, MfaStrength } from './mfa-strength';

/**
 * The one thing to do next, by how someone signs in today. One step, not a list: the step that moves them
 * up a level (nothing → Authenticator; SMS, voice or email only → Authenticator, since those can be
 * intercepted or phished; codes → Authenticator push or a passkey), and for the strong, a second strong
 * method so that a lost phone does not lock them out.
 */
export type NextStep =
  | { kind: 'setUpAuthenticator' }
  | { kind: 'replaceWeakMethods'; weak: MethodKind[] }
  | { kind: 'upgradeFromCodes' }
  | { kind: 'addBackupStrongMethod' }
  | { kind: 'nothing' };

export function nextStepFor(strength: MfaStrength, methods: readonly MethodKind[], policy: ClassificationPolicy): NextStep {
  switch (strength) {
    case 'none':
      return { kind: 'setUpAuthenticator' };
    case 'weak':
      return { kind: 'replaceWeakMethods', weak: methods.filter((method) => policy.weak.includes(method)) };
    case 'acceptable':
      return { kind: 'upgradeFromCodes' };
    case 'strong':
      return strongDevices(methods, policy) >= 2 ? { kind: 'nothing' } : { kind: 'addBackupStrongMethod' };
  }
}

/** Authenticator's push and passwordless sign-in live on the same phone: together they are no backup for each other. */
function strongDevices(methods: readonly MethodKind[], policy: ClassificationPolicy): number {
  const sameAuthenticator = (method: MethodKind): MethodKind => (method === 'authenticatorPasswordless' ? 'authenticatorPush' : method);
  return new Set(methods.filter((method) => policy.strong.includes(method)).map(sameAuthenticator)).size;
}
