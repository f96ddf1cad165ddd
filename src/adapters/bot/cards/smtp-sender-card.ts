import type { SmtpSender } from '../../../domain/smtp/smtp-sender';
import type { SmtpSenderLookup } from '../../../use-cases/read-smtp-readiness';
import { renderCard, type AdaptiveCard } from './card-template';
import { TEXT_LIMITS, directoryText } from './directory-text';
import { utcDateTimeText } from './freshness-line';
import { ownerText, smtpConsequence } from './smtp-readiness-card';
import { VERBS } from './verbs';

type Found = Extract<SmtpSenderLookup, { kind: 'found' }>;

const SOURCE = "From the directory's sign-in log (SMTP AUTH client submission, the last 30 days).";

/**
 * `smtp <account>`: what the sign-in log showed of one sending account, who owns it, what happens to it and when,
 * and the ways off the password in the order that fits what was seen (each opens the knowledge base's answer).
 */
export function smtpSenderCard(found: Found): AdaptiveCard {
  const { sender, owner, ownerName } = found.owned;
  return renderCard('smtp-sender', {
    verbs: VERBS,
    title: sender.displayName ? directoryText(sender.displayName, TEXT_LIMITS.displayName) : 'A sending account',
    subtitle: directoryText(sender.userPrincipalName, TEXT_LIMITS.userPrincipalName),
    verdict: verdictOf(sender),
    facts: [
      { label: 'Signs in with', value: sender.onlyOAuth ? 'OAuth only' : 'a password (basic authentication)' },
      { label: 'Last seen', value: utcDateTimeText(sender.lastSeen) },
      { label: 'First seen', value: `${utcDateTimeText(sender.firstSeen)} (in the period read)` },
      { label: 'Sign-ins', value: signInsText(sender) },
      { label: 'From', value: sender.addresses.map((a) => directoryText(a, 45)).join(', ') || 'not recorded' },
      { label: 'App or device', value: clientsText(sender) },
      { label: 'Owner', value: ownerText(owner, ownerName).replace(/^Owner: /, '') },
    ],
    consequence: sender.onlyOAuth ? '' : `${found.countdown.headline}. ${smtpConsequence()}`,
    paths: found.paths.map((path) => ({ title: path.title, fits: path.fits, articleId: path.articleId })),
    footnote: sender.onlyOAuth
      ? `${SOURCE} Say "smtp" for every sender.`
      : `${SOURCE} Say "smtp nudge ${directoryText(sender.userPrincipalName, TEXT_LIMITS.userPrincipalName)}" to send its owner a card with what was seen and what to move to.`,
  });
}

function verdictOf(sender: SmtpSender): string {
  if (sender.onlyOAuth) return 'Sends with OAuth: nothing to move before the password is switched off.';
  if (!sender.succeeded) return 'Tries to send with a password and fails every time: probably a device with an old password.';
  return 'Sends mail with a password: it stops working when basic authentication is switched off, and MFA cannot protect it.';
}

function signInsText(sender: SmtpSender): string {
  const total = `${sender.signIns} sign-in${sender.signIns === 1 ? '' : 's'}`;
  return sender.succeeded ? total : `${total}, none succeeded`;
}

function clientsText(sender: SmtpSender): string {
  if (sender.clients.length === 0) return 'not named (a password sign-in carries no app name: typical of a printer or scanner)';
  return sender.clients.map((c) => directoryText(c, 60)).join(', ');
}

/** `smtp <text>` matched several accounts: the admin types the one they meant. */
export function smtpMatchesText(text: string, matches: readonly SmtpSender[]): string {
  const lines = matches.map((m) => `- ${directoryText(m.userPrincipalName, TEXT_LIMITS.userPrincipalName)}`);
  return `Several sending accounts match "${directoryText(text, 60)}". Say "smtp" with one of these:\n\n${lines.join('\n')}`;
}

/** `smtp <text>` matched nothing. */
export function smtpNoMatchText(text: string, neverRead: boolean): string {
  if (neverRead) return 'The sign-in log has not been read yet: say "scan" to read it now, then ask again.';
  return `No account matching "${directoryText(text, 60)}" sent mail through SMTP AUTH in the last 30 days, as far as the latest read of the sign-in log shows.`;
}
