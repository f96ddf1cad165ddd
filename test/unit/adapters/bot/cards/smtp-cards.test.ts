import { smtpOwnerNudgeCard } from '../../../../../src/adapters/bot/cards/smtp-owner-nudge-card';
import { smtpReadinessCard } from '../../../../../src/adapters/bot/cards/smtp-readiness-card';
import { VERBS } from '../../../../../src/adapters/bot/cards/verbs';
import { smtpBasicAuthCountdown } from '../../../../../src/domain/smtp/smtp-basic-auth-retirement';
import { smtpOwnerCardFor } from '../../../../../src/domain/smtp/smtp-owner-card';
import type { SmtpSender } from '../../../../../src/domain/smtp/smtp-sender';
import { ofType, texts } from './card-inspect';

const NOW = new Date('2026-12-04T09:00:00Z');
/** The longest names the directory allows, with markdown in them: a card must stay small and show them as text. */
const sender = (i: number): SmtpSender => ({
  accountId: `id-${i}`,
  userPrincipalName: `${'x'.repeat(100)}${i}@contoso.example`,
  displayName: `[click me](https://evil.example) **${'N'.repeat(240)}**`,
  firstSeen: new Date('2026-11-05T00:00:00Z'),
  lastSeen: new Date('2026-12-03T07:00:00Z'),
  signIns: 8,
  addresses: ['203.0.113.10', '2001:db8::1'],
  clients: [`${'Printer '.repeat(40)}`],
  succeeded: i % 2 === 0,
  usedPassword: true,
  onlyOAuth: false,
});

describe('the SMTP AUTH cards', () => {
  it("the owner's card: each account, its two best paths with a how-to button each, and no link a name could smuggle in", () => {
    const card = smtpOwnerNudgeCard(
      smtpOwnerCardFor({ id: 'n1', name: 'Alex', whyYou: 'manager' }, [1, 2, 3, 4, 5, 6, 7].map(sender), NOW),
    );

    expect(JSON.stringify(card).length).toBeLessThan(24_000);
    const words = texts(card).join('\n');
    expect(words).toContain('Alex, something you own still sends mail with a password');
    expect(words).toContain('And 2 more: your IT team can list them all.');
    expect(words).toContain('⚠ Every sign-in failed');
    expect(words).not.toContain('[click me](');
    expect(ofType(card, 'Action.Execute').map((a) => [a.verb, (a.data as { articleId: string }).articleId])).toEqual(
      Array.from({ length: 5 }, () => [
        [VERBS.showAnswer, 'smtp-relay-connector'],
        [VERBS.showAnswer, 'high-volume-email'],
      ]).flat(),
    );
  });

  it("the admin's card without a read: says what is missing and where to look meanwhile, with no false zero", () => {
    const card = smtpReadinessCard({
      countdown: smtpBasicAuthCountdown(NOW),
      windowDays: 30,
      latestFailure: { reason: 'notPermitted', missing: ['Directory.Read.All'], detail: '403', at: NOW },
      counts: { password: 0, passwordFailingOnly: 0, oauthOnly: 0 },
      top: [],
    });
    const words = texts(card).join('\n');
    expect(words).toContain("Grant MFA Coach's app the application permission Directory.Read.All");
    expect(words).toContain('SMTP AUTH clients');
    expect(words).not.toMatch(/No account sent mail|0 accounts/);
    expect(words).not.toContain('<');
  });
});
