import { renderCard, type AdaptiveCard } from './card-template';
import { directoryText, TEXT_LIMITS } from './directory-text';

export interface AdminRefusalView {
  /** Who grants access, as configured, e.g. "the IT service desk (it-help@contoso.com)". */
  contact: string;
}

/**
 * The same polite card whatever was asked: it must not say which command exists, what it would have shown, or
 * who else is an admin. The template has nothing but the contact to fill in, on purpose.
 */
export function adminRefusalCard(view: AdminRefusalView): AdaptiveCard {
  return renderCard('admin-refusal', { contact: directoryText(view.contact, TEXT_LIMITS.free) || 'your IT team' });
}
