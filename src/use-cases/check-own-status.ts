import type { MethodKind } from '../domain/mfa/method-kind';
import { classifyMethods, type ClassificationPolicy, type MfaStrength } from '../domain/mfa/mfa-strength';
import { nextStepFor, type NextStep } from '../domain/mfa/next-step';
import type { Directory } from '../domain/ports/directory';

export interface OwnStatusDeps {
  directory: Pick<Directory, 'currentMethods'>;
  policy: ClassificationPolicy;
  now: () => Date;
}

export type OwnStatus =
  | { kind: 'checked'; strength: MfaStrength; methods: MethodKind[]; nextStep: NextStep; checkedAt: Date }
  /** The live check did not answer (Graph down, throttled or busy with a scan): say so, never guess. */
  | { kind: 'unavailable'; error: unknown };

/**
 * The sender's own MFA status, read live (the registration report lags hours, and someone asking has often
 * just changed something). Only ever the sender's: the id comes from the activity, never from the message.
 */
export async function checkOwnStatus(deps: OwnStatusDeps, userId: string): Promise<OwnStatus> {
  let methods: MethodKind[];
  try {
    methods = await deps.directory.currentMethods(userId);
  } catch (error) {
    return { kind: 'unavailable', error };
  }
  const strength = classifyMethods(methods, deps.policy);
  return { kind: 'checked', strength, methods, nextStep: nextStepFor(strength, methods, deps.policy), checkedAt: deps.now() };
}
