import type { SmtpOwnerNudgeResult } from '../../../use-cases/send-smtp-owner-nudge';
import { utcDateTimeText } from '../cards/freshness-line';
import { TEXT_LIMITS, directoryText } from '../cards/directory-text';

/** The admin's `smtp nudge <address>`: what happened, in a sentence an admin can act on. */
export function smtpNudgeAnswer(result: SmtpOwnerNudgeResult, address: string): string {
  const account = directoryText(address, TEXT_LIMITS.userPrincipalName);
  switch (result.kind) {
    case 'nothingToMove':
      return `${account} did not send mail with a password in the last 30 days, as far as the latest read of the sign-in log shows, so I told nobody.`;
    case 'noOwner':
      return `I don't know who owns ${account}: ${result.why}. Nothing was sent.`;
    case 'unknownPerson':
      return `The owner of ${account} is not in the directory any more, so nothing was sent. Name another in SMTP_MAILBOX_OWNERS.`;
    case 'deferred': {
      const name = directoryText(result.owner.displayName, TEXT_LIMITS.displayName);
      return result.reason === 'sendingHours'
        ? `It is outside ${name}'s sending hours, so the card will go when they open: ${utcDateTimeText(result.notBefore)} (${result.timeZone} is their time zone).`
        : `${name} had a card about SMTP AUTH recently, so the next may go from ${utcDateTimeText(result.notBefore)}. Say **smtp nudge ${account} force** to send one anyway.`;
    }
  }
  const name = directoryText(result.owner.displayName, TEXT_LIMITS.displayName);
  const what = result.accounts === 1 ? 'the account that sends' : `their ${result.accounts} accounts that send`;
  switch (result.kind) {
    case 'sent':
      return `Sent ${name} a card about ${what} mail with a password, with what to move to.`;
    case 'throttled':
      return `Microsoft asked me to slow down, so the card to ${name} will go in about ${Math.ceil(result.retryAfterMs / 1000)} seconds.`;
    case 'blocked':
      return `${name} has blocked or removed MFA Coach in Teams (Teams answered ${result.code}), so I can't tell them.`;
    case 'notInstallable':
      return `MFA Coach is not installed for ${name}, and I could not install it: ${result.reason}.`;
    case 'failed':
      return `The card to ${name} could not be sent (${result.reason}). Please try again later.`;
    case 'uncertain':
      return `Teams did not confirm the card to ${name} (${result.reason}); it may have arrived. It counts as sent.`;
  }
}
