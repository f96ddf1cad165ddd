import type { MethodKind } from '../domain/mfa/method-kind';
import { classifyMethods, type ClassificationPolicy, type MfaStrength } from '../domain/mfa/mfa-strength';
import { nextStepFor, type NextStep } from '../domain/mfa/next-step';
import type { NudgeTarget } from '../domain/nudges/nudge-target';
import type { Directory } from '../domain/ports/directory';
import type { LiveCheckBudget } from '../domain/ports/live-check-budget';

export interface OwnStatusDeps {
  directory: Pick<Directory, 'currentMethods'>;
  policy: ClassificationPolicy;
  now: () => Date;
  /** Each person's share of live checks, the same one "I've done it" on a nudge draws from. */
  liveChecks: LiveCheckBudget;
  /** What the organisation asks people for (NUDGE_TARGET), which the next step follows; unset: Authenticator. */
  target?: NudgeTarget;
}

/** What one live check found, judged. */
export interface CheckedStatus {
  strength: MfaStrength;
  methods: MethodKind[];
  nextStep: NextStep;
  checkedAt: Date;
}

export type OwnStatus =
  | ({ kind: 'checked' } & CheckedStatus)
  /** The live check did not answer (Graph down, throttled or busy with a scan): say so, never guess. */
  | { kind: 'unavailable'; error: unknown }
  /**
   * They checked several times a moment ago: no new check until `retryAt`. `last` is what the latest check found,
   * when it is still known.
   */
  | { kind: 'limited'; retryAt: Date; last?: CheckedStatus };

/**
 * The sender's own MFA status, read live (the registration report lags hours, and someone asking has often
 * just changed something). Only ever the sender's: the id comes from the activity, never from the message.
 * Someone asking again and again gets what they were told a moment ago, without a new check.
 */
export async function checkOwnStatus(deps: OwnStatusDeps, userId: string): Promise<OwnStatus> {
  const ticket = deps.liveChecks.take(userId, deps.now());
  if (ticket.kind === 'limited') {
    return {
      kind: 'limited',
      retryAt: ticket.retryAt,
      ...(ticket.last ? { last: judge(deps, ticket.last.methods, ticket.last.checkedAt) } : {}),
    };
  }
  let methods: MethodKind[];
  try {
    methods = await deps.directory.currentMethods(userId);
  } catch (error) {
    return { kind: 'unavailable', error };
  }
  const checkedAt = deps.now();
  deps.liveChecks.remember(userId, { methods, checkedAt });
  return { kind: 'checked', ...judge(deps, methods, checkedAt) };
}

function judge({ policy, target }: Pick<OwnStatusDeps, 'policy' | 'target'>, methods: MethodKind[], checkedAt: Date): CheckedStatus {
  const strength = classifyMethods(methods, policy);
  return { strength, methods, nextStep: nextStepFor(strength, methods, policy, target), checkedAt };
}
