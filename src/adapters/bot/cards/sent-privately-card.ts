import { renderCard, type AdaptiveCard } from './card-template';

/** What went to the personal chat. The channel learns only the kind of answer, never its content. */
export type PrivateAnswer = 'list' | 'userStatus' | 'export' | 'ownStatus' | 'doctor' | 'policy' | 'smtp' | 'smtpNudge';

export interface SentPrivatelyView {
  what: PrivateAnswer;
  /** A Teams deep link to the personal chat with the bot (https://teams.microsoft.com/l/chat/…); absent = no button. */
  chatLink?: string;
}

const TEXTS: Record<PrivateAnswer, string> = {
  list: 'I sent you the list in a private chat.',
  userStatus: "I sent you that person's status in a private chat.",
  export: 'I sent you the export in a private chat.',
  ownStatus: 'I sent you your MFA status in a private chat.',
  doctor: "I sent you the doctor's report in a private chat.",
  policy: 'I sent you the MFA policy summary in a private chat.',
  smtp: 'I sent you the SMTP AUTH senders in a private chat.',
  smtpNudge: "I sent you what became of the owner's card in a private chat.",
};

export function sentPrivatelyCard(view: SentPrivatelyView): AdaptiveCard {
  // Only https deep links: the card must not become a way to post arbitrary links into a channel.
  const chatLink = view.chatLink && /^https:\/\/teams\.microsoft\.com\//.test(view.chatLink) ? view.chatLink : '';
  return renderCard('sent-privately', { text: TEXTS[view.what], chatLink });
}
