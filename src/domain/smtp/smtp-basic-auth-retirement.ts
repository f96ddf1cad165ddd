import { utcDaysUntil } from '../calendar-days';

/**
 * Microsoft is removing basic authentication (a username and password) from SMTP AUTH client submission in
 * Exchange Online. The dates and the words admins and mailbox owners read about it live here, once.
 *
 * Source: Exchange Team blog, "Updated Exchange Online SMTP AUTH basic authentication deprecation timeline"
 * (2026-01-27): nothing changes until December 2026; at the end of December 2026 basic auth for SMTP AUTH is
 * disabled by default in existing tenants (admins can turn it back on for now); it is unavailable by default for
 * tenants created after December 2026; Microsoft announces the final removal date in the second half of 2027, after
 * which clients get "550 5.7.30". Microsoft gives no exact day: the last day of December is taken as the switch.
 */
export const SMTP_BASIC_AUTH_RETIREMENT = {
  /** The calendar day (UTC) taken as "the end of December 2026": from the next day, basic auth is off by default. */
  disabledByDefaultOn: '2026-12-31',
  disabledByDefaultText: 'the end of December 2026',
  finalRemovalAnnouncedText: 'the second half of 2027',
  /** What a client still sending with a password gets once basic auth is off for it. */
  refusal: '550 5.7.30',
  source:
    'https://techcommunity.microsoft.com/blog/exchange/updated-exchange-online-smtp-auth-basic-authentication-deprecation-timeline/4489835',
} as const;

export type SmtpBasicAuthPhase = 'before' | 'december' | 'after';

export interface SmtpBasicAuthCountdown {
  phase: SmtpBasicAuthPhase;
  /** Whole calendar days to the switch (before, december) or since it (after); 0 on the day itself. */
  days: number;
  /** One line for admins, e.g. "SMTP AUTH with a password is switched off by default at the end of December 2026 (27 days)". */
  headline: string;
}

/** Where `now` stands against the end of December 2026, in UTC calendar days. */
export function smtpBasicAuthCountdown(now: Date): SmtpBasicAuthCountdown {
  const days = utcDaysUntil(SMTP_BASIC_AUTH_RETIREMENT.disabledByDefaultOn, now);
  const { disabledByDefaultText: end, finalRemovalAnnouncedText: final } = SMTP_BASIC_AUTH_RETIREMENT;
  if (days < 0) {
    const since = -days;
    return {
      phase: 'after',
      days: since,
      headline:
        `Since ${end}, SMTP AUTH with a password is off by default (${since} ${since === 1 ? 'day' : 'days'} ago): ` +
        `admins can still turn it back on until the final date, which Microsoft announces in ${final}`,
    };
  }
  if (days === 0) return { phase: 'december', days: 0, headline: `SMTP AUTH with a password is switched off by default today, at ${end}` };
  const inDecember = now.getUTCFullYear() === 2026 && now.getUTCMonth() === 11;
  const left = `${days} ${days === 1 ? 'day' : 'days'}`;
  return inDecember
    ? { phase: 'december', days, headline: `SMTP AUTH with a password is switched off by default at the end of this month (${left})` }
    : { phase: 'before', days, headline: `SMTP AUTH with a password is switched off by default at ${end} (${left})` };
}

/** The posture line: "12 accounts still send mail with a password: MFA cannot protect them". */
export function passwordSendersLine(accounts: number): string {
  if (accounts === 0) return 'No account sent mail with a password in the period read';
  return `${accounts.toLocaleString('en-US')} ${accounts === 1 ? 'account still sends' : 'accounts still send'} mail with a password: MFA cannot protect ${accounts === 1 ? 'it' : 'them'}`;
}
