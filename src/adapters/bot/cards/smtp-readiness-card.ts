import { SMTP_BASIC_AUTH_RETIREMENT, passwordSendersLine } from '../../../domain/smtp/smtp-basic-auth-retirement';
import type { SmtpLogUnavailable } from '../../../domain/ports/smtp-sign-in-log';
import type { OwnedSmtpSender, SmtpReadiness } from '../../../use-cases/read-smtp-readiness';
import { renderCard, type AdaptiveCard } from './card-template';
import { TEXT_LIMITS, accountText, directoryText } from './directory-text';
import { utcDateTimeText } from './freshness-line';

/** Where an admin sees the same senders without MFA Coach: Exchange's own report (no Graph permission involved). */
export const EXCHANGE_SMTP_REPORT =
  'Meanwhile, the Exchange admin center shows the senders itself: Reports › Mail flow › SMTP AUTH clients, which also says whether each used basic authentication or OAuth.';

/** What a client gets once the password stops working, and when. */
export function smtpConsequence(): string {
  const { refusal, finalRemovalAnnouncedText } = SMTP_BASIC_AUTH_RETIREMENT;
  return (
    `Mail sent with a password is then refused with "${refusal}" unless an admin turns basic authentication back on, ` +
    `which works only until the final date Microsoft announces in ${finalRemovalAnnouncedText}.`
  );
}

/**
 * `smtp`: the countdown, how many accounts sent mail with a password in the last 30 days, the latest of them with
 * where from and who owns them, and, when the sign-in log could not be read, exactly what is missing.
 */
export function smtpReadinessCard(view: SmtpReadiness): AdaptiveCard {
  const { counts, lastCompleted, latestFailure } = view;
  const problem = latestFailure ? unavailableText(latestFailure) : lastCompleted ? undefined : NEVER_READ;
  const shown = view.top.length;
  return renderCard('smtp-readiness', {
    title: 'Who still sends mail with a password',
    countdown: `${view.countdown.headline}.`,
    consequence: smtpConsequence(),
    figure: lastCompleted ? `${passwordSendersLine(counts.password)} (last ${view.windowDays} days).` : '',
    figureDetail: lastCompleted ? figureDetail(counts) : '',
    problem: problem?.problem ?? '',
    problemFix: problem?.fix ?? '',
    meanwhile: problem ? EXCHANGE_SMTP_REPORT : '',
    senders: view.top.map(senderRow),
    more: counts.password > shown ? `${shown} of ${counts.password} shown, the latest seen first.` : '',
    footnote: footnote(view),
    source: SMTP_BASIC_AUTH_RETIREMENT.source,
  });
}

function figureDetail(counts: SmtpReadiness['counts']): string {
  const parts: string[] = [];
  if (counts.passwordFailingOnly > 0)
    parts.push(`${counts.passwordFailingOnly} of them only failed to sign in (a device retrying an old password)`);
  if (counts.oauthOnly > 0)
    parts.push(`${counts.oauthOnly} more ${counts.oauthOnly === 1 ? 'account uses' : 'accounts use'} OAuth only: nothing to move`);
  return parts.length > 0 ? `${parts.join('; ')}.` : '';
}

function senderRow({ sender, owner, ownerName }: OwnedSmtpSender): Record<string, string> {
  const name = accountText(sender);
  const from = sender.addresses[0] ? ` from ${directoryText(sender.addresses[0], 45)}` : '';
  const client = sender.clients[0] ? ` · ${directoryText(sender.clients[0], 40)}` : '';
  return {
    name,
    seen: `Last seen ${utcDateTimeText(sender.lastSeen)}${from} · ${sender.signIns} sign-in${sender.signIns === 1 ? '' : 's'}${client}`,
    owner: ownerText(owner, ownerName),
    warning: sender.succeeded ? '' : '⚠ Every sign-in failed: a device with an old password',
  };
}

export function ownerText(owner: OwnedSmtpSender['owner'], ownerName: string | undefined): string {
  const who = ownerName ? directoryText(ownerName, TEXT_LIMITS.displayName) : undefined;
  switch (owner.kind) {
    case 'configured':
      return `Owner: ${who ?? directoryText(owner.ownerUpn, TEXT_LIMITS.userPrincipalName)} (named in the settings)`;
    case 'self':
      return `Owner: ${who ?? 'the account holder'} (their own mailbox)`;
    case 'manager':
      return who ? `Owner: ${who} (the mailbox's manager)` : "Owner: the mailbox's manager, not in the latest scan";
    case 'unknown':
      return `No owner known: ${owner.why}`;
  }
}

const NEVER_READ = {
  problem: 'The sign-in log has not been read yet.',
  fix: 'MFA Coach reads it after each scan: say "scan" to read it now, then "smtp" again when the scan has finished.',
};

export function unavailableText(failure: SmtpLogUnavailable & { at?: Date }): { problem: string; fix: string } {
  const when = failure.at ? ` (tried ${utcDateTimeText(failure.at)})` : '';
  switch (failure.reason) {
    case 'notPermitted':
      return {
        problem: `I can't read the sign-in log: Microsoft Graph refused MFA Coach${when}.`,
        fix: `Grant MFA Coach's app the application permission${failure.missing.length === 1 ? '' : 's'} ${failure.missing.join(' and ')} (the sign-in log needs both AuditLog.Read.All and Directory.Read.All) and give admin consent; "doctor" shows what is granted.`,
      };
    case 'notLicensed':
      return {
        problem: `I can't read the sign-in log: this tenant has no Microsoft Entra ID P1 or P2 licence${when}, which Graph needs to serve it.`,
        fix: 'With a P1 or P2 licence in the tenant, the next scan reads it.',
      };
    case 'failed':
      return {
        problem: `I couldn't read the sign-in log${when}.`,
        fix: `Microsoft Graph said: ${directoryText(failure.detail, TEXT_LIMITS.free)}. The next scan tries again; "scan" tries now.`,
      };
  }
}

function footnote(view: SmtpReadiness): string {
  const read = view.lastCompleted
    ? `Sign-in log read ${utcDateTimeText(view.lastCompleted.finishedAt)}, covering ${view.windowDays} days; it is read again after each scan.`
    : 'Read after each scan.';
  // No angle brackets: Teams reads "<address>" as markup and shows nothing.
  return `${read} Say "smtp" and an address for one account: what was seen, who owns it and the ways off the password.`;
}
