import type { SmtpOwnerCard, SmtpOwnerCardAccount } from '../../../domain/smtp/smtp-owner-card';
import { renderCard, type AdaptiveCard } from './card-template';
import { TEXT_LIMITS, accountText, directoryText } from './directory-text';
import { utcDateTimeText } from './freshness-line';
import { VERBS } from './verbs';

const WHY_YOU: Record<SmtpOwnerCard['whyYou'], (count: number) => string> = {
  self: (n) => `Your mailbox sent mail with a password through SMTP AUTH in the last 30 days${n > 1 ? ', from more than one place' : ''}.`,
  manager: (n) => `${n === 1 ? 'A mailbox' : 'Mailboxes'} you manage sent mail with a password through SMTP AUTH in the last 30 days.`,
  configured: (n) =>
    `Your IT team lists you as the owner of ${n === 1 ? 'a mailbox that' : 'mailboxes that'} sent mail with a password through SMTP AUTH in the last 30 days.`,
};

/**
 * The owner's card: each account with what was seen (last time, where from, the app or device), the two ways off the
 * password that fit it (each opens the knowledge base's how-to in place), and what happens when.
 */
export function smtpOwnerNudgeCard(card: SmtpOwnerCard): AdaptiveCard {
  return renderCard('smtp-owner-nudge', {
    verbs: VERBS,
    title: `${directoryText(card.name, TEXT_LIMITS.displayName)}, something you own still sends mail with a password`,
    intro: `${WHY_YOU[card.whyYou](card.accounts.length + card.more)} Microsoft is switching that off: whatever sends it needs to move to something without a password.`,
    accounts: card.accounts.map(accountView),
    more: card.more > 0 ? `And ${card.more} more: your IT team can list them all.` : '',
    headline: `${card.headline}.`,
    consequence: card.consequence,
    footnote: "Seen in the directory's sign-in log. Not yours any more, or already moved? Tell your IT team, so the owner is right.",
  });
}

function accountView(account: SmtpOwnerCardAccount): Record<string, unknown> {
  const name = accountText(account);
  const from = account.address ? ` from ${directoryText(account.address, 45)}` : '';
  const what = account.client ? directoryText(account.client, 40) : 'a device that gives no name (a printer or scanner, most likely)';
  return {
    name,
    seen: `Last seen ${utcDateTimeText(account.lastSeen)}${from} · ${account.signIns} sign-in${account.signIns === 1 ? '' : 's'} · ${what}`,
    warning: account.succeeded ? '' : '⚠ Every sign-in failed: something still tries an old password.',
    pathsIntro: 'What fits best:',
    paths: account.paths.map((path) => ({ title: path.title, fits: path.fits, articleId: path.articleId })),
  };
}
