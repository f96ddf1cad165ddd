import { parseMailboxOwners, smtpSenderOwner, type SendingAccount } from '../../../../src/domain/smtp/smtp-sender-owner';
import { smtpMigrationPaths } from '../../../../src/domain/smtp/smtp-migration-path';

const sender = { accountId: 'mailbox-id', userPrincipalName: 'Scanner@Contoso.example' };
const person: SendingAccount = {
  id: 'mailbox-id',
  displayName: 'Ruth Lee',
  userPrincipalName: 'scanner@contoso.example',
  givenName: 'Ruth',
  managerId: 'boss-id',
};
const shared: SendingAccount = {
  id: 'mailbox-id',
  displayName: 'Scanner',
  userPrincipalName: 'scanner@contoso.example',
  managerId: 'boss-id',
};

describe('who owns a sending account', () => {
  it("is the person themself when the account is a person's (it has a given name), not their manager", () => {
    expect(smtpSenderOwner(sender, person, new Map())).toEqual({ kind: 'self', ownerId: 'mailbox-id' });
  });

  it("is a shared or service mailbox's manager (no given name)", () => {
    expect(smtpSenderOwner(sender, shared, new Map())).toEqual({ kind: 'manager', ownerId: 'boss-id' });
  });

  it('is the configured owner above all, matched on the mailbox address in any case', () => {
    const owners = new Map([['scanner@contoso.example', 'alex@contoso.example']]);
    expect(smtpSenderOwner(sender, person, owners)).toEqual({ kind: 'configured', ownerUpn: 'alex@contoso.example' });
  });

  it('is unknown, saying what to set, for a shared mailbox without a manager or an account the scan did not see', () => {
    const { managerId: _m, ...noManager } = shared;
    expect(smtpSenderOwner(sender, noManager, new Map())).toEqual({ kind: 'unknown', why: expect.stringContaining('SMTP_MAILBOX_OWNERS') });
    expect(smtpSenderOwner(sender, undefined, new Map())).toEqual({ kind: 'unknown', why: expect.stringContaining('latest scan') });
  });
});

describe('SMTP_MAILBOX_OWNERS', () => {
  it('reads mailbox=owner pairs separated by commas, semicolons or lines, in lower case', () => {
    const { owners, problems } = parseMailboxOwners(
      ' Scanner@Contoso.example = Alex@Contoso.example ;invoicing@contoso.example=pat@contoso.example\n',
    );
    expect(problems).toEqual([]);
    expect([...owners]).toEqual([
      ['scanner@contoso.example', 'alex@contoso.example'],
      ['invoicing@contoso.example', 'pat@contoso.example'],
    ]);
  });

  it('names each malformed pair and keeps the good ones', () => {
    const { owners, problems } = parseMailboxOwners('scanner@contoso.example, a=b=c, printer@contoso.example=alex');
    expect(owners.size).toBe(0);
    expect(problems).toHaveLength(3);
    expect(problems[1]).toMatch(/^pair 2 is not mailbox=owner/);
    expect(problems.join(' ')).not.toContain('printer@');
  });
});

describe('the ways off the password', () => {
  it('puts the device paths first when the log names no app (a printer or scanner), code paths first for a script', () => {
    expect(smtpMigrationPaths({ clients: [] }).map((p) => p.key)).toEqual([
      'connectorRelay',
      'highVolumeEmail',
      'oauthApp',
      'graphSendMail',
    ]);
    expect(smtpMigrationPaths({ clients: ['WindowsPowerShell/5.1'] }).map((p) => p.key)).toEqual([
      'oauthApp',
      'graphSendMail',
      'connectorRelay',
      'highVolumeEmail',
    ]);
  });
});
