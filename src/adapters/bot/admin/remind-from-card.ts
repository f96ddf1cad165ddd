import type { UserMfaStatus } from '../../../domain/mfa/user-registration';
import type { AdminAnswerDeps } from './admin-answers';
import { nudgeAnswer } from './nudge-answer';

/**
 * An admin's "Remind" on a list's row or a person's card: the same reminder as `nudge <UPN>` (the person's methods
 * checked live first, the cap and their sending hours respected), told in the same words, with the UPN the admin
 * would type to force it.
 */
export async function remindFromCard(
  deps: Pick<AdminAnswerDeps, 'sendNudge'>,
  person: Pick<UserMfaStatus, 'id' | 'userPrincipalName'>,
  actorId: string,
): Promise<string> {
  return nudgeAnswer((request) => deps.sendNudge({ ...request, userId: person.id }), person.userPrincipalName, false, actorId);
}
