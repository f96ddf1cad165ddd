import type { UserMfaStatus } from '../../../domain/mfa/user-registration';
import { renderCard, type AdaptiveCard } from './card-template';
import { buttonName, directoryText, TEXT_LIMITS } from './directory-text';
import { STRENGTH_LOOK } from './strength-label';
import { VERBS } from './verbs';

export interface UserMatchesView {
  /** What the admin typed after `user`. */
  query: string;
  /** The people it could mean, as the last scan has them (at most MOST_MATCHES_SHOWN). */
  matches: readonly Pick<UserMfaStatus, 'id' | 'displayName' | 'userPrincipalName' | 'department' | 'strength'>[];
  /** More people match than are shown: a longer query narrows them. */
  more: boolean;
}

/** An ambiguous `user`: each person it could mean, with a button that shows their card (checked live). */
export function userMatchesCard(view: UserMatchesView): AdaptiveCard {
  return renderCard('user-matches', {
    title: `Several people match "${directoryText(view.query, TEXT_LIMITS.displayName)}"`,
    intro: view.more
      ? 'These are the first few. Choose one, or say **user** with more of the name or their UPN.'
      : 'Choose the one you mean.',
    matches: view.matches.map((m) => ({
      person: { userId: m.id },
      showTitle: `Show ${buttonName(m.displayName, 'this person')}`,
      name: directoryText(m.displayName, TEXT_LIMITS.displayName),
      details: `${directoryText(m.userPrincipalName, TEXT_LIMITS.userPrincipalName)} · ${m.department ? directoryText(m.department, TEXT_LIMITS.department) : 'no department'}`,
      strength: STRENGTH_LOOK[m.strength].label,
    })),
    verbs: VERBS,
  });
}
