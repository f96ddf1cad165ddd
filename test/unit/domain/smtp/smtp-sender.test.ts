import { groupSmtpSenders, MAX_ADDRESSES, SmtpSenderTally, type SmtpSignIn } from '../../../../src/domain/smtp/smtp-sender';

const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 10, day, hour));
const event = (over: Partial<SmtpSignIn>): SmtpSignIn => ({
  at: at(1),
  accountId: 'scanner-id',
  userPrincipalName: 'scanner@contoso.example',
  succeeded: true,
  usedPassword: true,
  ...over,
});

describe('SMTP AUTH senders, per account', () => {
  it('keeps first and last seen, the count, the addresses most recent first and the clients', () => {
    const [sender] = groupSmtpSenders([
      event({ at: at(3), ipAddress: '10.0.0.5', client: 'Ricoh MP C3004' }),
      event({ at: at(1), ipAddress: '10.0.0.7' }),
      event({ at: at(9), ipAddress: '10.0.0.5', client: 'Ricoh MP C3004' }),
    ]);

    expect(sender).toEqual({
      accountId: 'scanner-id',
      userPrincipalName: 'scanner@contoso.example',
      firstSeen: at(1),
      lastSeen: at(9),
      signIns: 3,
      addresses: ['10.0.0.5', '10.0.0.7'],
      clients: ['Ricoh MP C3004'],
      succeeded: true,
      usedPassword: true,
      lastPasswordSeen: at(9),
      onlyOAuth: false,
    });
  });

  it('keeps the latest sign-in with a password apart from the latest sign-in: an account that moved to OAuth shows it', () => {
    const [moved] = groupSmtpSenders([
      event({ at: at(2) }),
      event({ at: at(5) }),
      event({ at: at(7), usedPassword: false }),
      // Unknown (the log cannot tell) counts as a password.
      event({ at: at(4), usedPassword: undefined }),
    ]);
    expect(moved).toMatchObject({ lastSeen: at(7), lastPasswordSeen: at(5), usedPassword: true });
    const [oauth] = groupSmtpSenders([event({ usedPassword: false })]);
    expect(oauth).not.toHaveProperty('lastPasswordSeen');
  });

  it('tells an account that only failed from one that really sends, and OAuth-only from any password', () => {
    const senders = groupSmtpSenders([
      event({ accountId: 'a', userPrincipalName: 'failing@contoso.example', succeeded: false }),
      event({ accountId: 'b', userPrincipalName: 'app@contoso.example', usedPassword: false }),
      event({ accountId: 'b', userPrincipalName: 'app@contoso.example', usedPassword: false, at: at(2) }),
      event({ accountId: 'c', userPrincipalName: 'mixed@contoso.example', usedPassword: false }),
      event({ accountId: 'c', userPrincipalName: 'mixed@contoso.example', usedPassword: true, at: at(2) }),
    ]);
    const byUpn = Object.fromEntries(senders.map((s) => [s.userPrincipalName, s]));

    expect(byUpn['failing@contoso.example']).toMatchObject({ succeeded: false, usedPassword: true });
    expect(byUpn['app@contoso.example']).toMatchObject({ usedPassword: false, onlyOAuth: true });
    expect(byUpn['mixed@contoso.example']).toMatchObject({ usedPassword: true, onlyOAuth: false });
  });

  it('counts an event that cannot tell basic from OAuth as a password: OAuth must be shown, not assumed', () => {
    const [sender] = groupSmtpSenders([event({ usedPassword: undefined })]);
    expect(sender).toMatchObject({ usedPassword: true, onlyOAuth: false });
  });

  it('orders accounts by last seen, newest first, groups ids in any case, and keeps at most a few addresses', () => {
    const many = Array.from({ length: MAX_ADDRESSES + 3 }, (_, i) => event({ at: at(i + 1), ipAddress: `10.0.1.${i}` }));
    const senders = groupSmtpSenders([
      ...many,
      event({ accountId: 'SCANNER-ID', at: at(20) }),
      event({ accountId: 'old', userPrincipalName: 'old@contoso.example', at: at(2) }),
    ]);

    expect(senders.map((s) => s.userPrincipalName)).toEqual(['scanner@contoso.example', 'old@contoso.example']);
    expect(senders[0]!.signIns).toBe(MAX_ADDRESSES + 4);
    expect(senders[0]!.addresses).toEqual(['10.0.1.7', '10.0.1.6', '10.0.1.5', '10.0.1.4', '10.0.1.3']);
    expect(groupSmtpSenders([])).toEqual([]);
  });
});

describe('the tally, page by page', () => {
  it('gives the same senders as one list, whatever the pages, and counts every event', () => {
    const events = Array.from({ length: 50 }, (_, i) =>
      event({
        at: at(1 + (i % 28), i % 24),
        accountId: `account-${i % 7}`,
        userPrincipalName: `sender${i % 7}@contoso.example`,
        ipAddress: `10.0.${i % 3}.${i % 11}`,
        usedPassword: i % 5 === 0 ? false : true,
        succeeded: i % 4 !== 0,
      }),
    );
    const tally = new SmtpSenderTally();
    for (let start = 0; start < events.length; start += 9) tally.add(events.slice(start, start + 9));

    expect(tally.senders()).toEqual(groupSmtpSenders(events));
    expect(tally.signIns).toBe(50);
  });
});
