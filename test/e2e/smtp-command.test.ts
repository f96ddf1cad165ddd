import { demoPersonas, generateDemoTenant, scenarioPeople } from '../../emulators/demo-tenant';
import { databaseChoices } from '../support/app-harness';
import { adminsGroupOf, teamsUser, useEndToEnd, wordsOf } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 120 });
const { admin: adminPerson, employee: employeePerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
const employee = teamsUser(employeePerson);
const { scannerMailbox, invoicingMailbox } = scenarioPeople(tenant);
/** What the bot posted in a 1:1 chat, as words, markdown escapes gone. */
const text = (words: string) => words.replace(/\\(.)/g, '$1');

describe.each(databaseChoices())('"smtp": who still sends mail with a password (%s)', (database) => {
  // The bot's clock and the sign-in log's, given: the demo log is the 30 days before 4 December 2026.
  let clock = new Date('2026-12-04T09:00:00Z');
  const e2e = useEndToEnd(
    {
      tenant,
      database,
      graph: { throttle: { reports: null }, signInsAnchor: new Date('2026-12-04T09:00:00Z') },
      app: { adminGroupIds: [adminsGroupOf(tenant).id], overrides: { now: () => clock, reportsBudget: { limit: 1000, windowMs: 1000 } } },
    },
    { installFor: [admin, employee] },
  );

  it('reads the sign-in log after a scan; smtp counts the password senders, counts down, and names where from and whose', async () => {
    await e2e.say(admin, 'scan');
    await e2e.connector.waitFor((r) => /scan finished/i.test(wordsOf(r.body)), 30_000);
    e2e.connector.clear();

    await e2e.say(admin, 'smtp');
    const card = text(wordsOf(e2e.cardsTo(admin).at(-1)));
    expect(card).toContain('SMTP AUTH with a password is switched off by default at the end of this month (27 days)');
    expect(card).toContain('550 5.7.30');
    // The printer's shared mailbox and the admin's own script; the OAuth app is counted apart and not listed.
    expect(card).toContain('2 accounts still send mail with a password: MFA cannot protect them (last 30 days)');
    expect(card).toContain('1 more account uses OAuth only: nothing to move');
    expect(card).toContain(`Scanner (${scannerMailbox.userPrincipalName})`);
    expect(card).toMatch(/Last seen 3 Dec 2026 07:00 UTC from 203\.0\.113\.10 · 8 sign-ins/);
    expect(card).toContain(`Owner: ${employeePerson.displayName} (the mailbox's manager)`);
    expect(card).toContain(`Owner: ${adminPerson.displayName} (their own mailbox)`);
    expect(card).not.toContain(invoicingMailbox.userPrincipalName);
    expect((await e2e.auditTrail()).filter((a) => a.action === 'smtp')).toEqual([
      expect.objectContaining({ actorId: admin.aadObjectId, outcome: 'allowed', where: 'personal' }),
    ]);
  });

  it('smtp <account> gives one sender: what was seen, the owner, what happens when, and the device paths first', async () => {
    await e2e.say(admin, `smtp ${scannerMailbox.userPrincipalName.toUpperCase()}`);
    const card = text(wordsOf(e2e.cardsTo(admin).at(-1)));
    expect(card).toContain('Sends mail with a password: it stops working when basic authentication is switched off');
    expect(card).toContain('203.0.113.10, 203.0.113.44');
    expect(card).toContain('8 sign-ins');
    expect(card).toContain(`${employeePerson.displayName} (the mailbox's manager)`);
    expect(card.indexOf('A connector relay')).toBeGreaterThan(-1);
    expect(card.indexOf('A connector relay')).toBeLessThan(card.indexOf('OAuth for SMTP AUTH'));

    await e2e.say(admin, `smtp ${invoicingMailbox.userPrincipalName}`);
    expect(text(wordsOf(e2e.cardsTo(admin).at(-1)))).toContain('Sends with OAuth: nothing to move');
    expect((await e2e.auditTrail()).filter((a) => a.action === 'smtp <account>')).toHaveLength(2);
  });

  it('posture counts them, and user <name> shows an account that sends with a password', async () => {
    await e2e.say(admin, 'posture');
    expect(text(wordsOf(e2e.cardsTo(admin).at(-1)))).toContain(
      '2 accounts still send mail with a password: MFA cannot protect them (last 30 days); SMTP AUTH with a password is switched off by default at the end of this month (27 days)',
    );
    await e2e.say(admin, `user ${adminPerson.userPrincipalName}`);
    expect(text(wordsOf(e2e.cardsTo(admin).at(-1)))).toContain('Sends mail with a password through SMTP AUTH (1 sign-in in 30 days');
    await e2e.say(admin, `user ${employeePerson.userPrincipalName}`);
    expect(text(wordsOf(e2e.cardsTo(admin).at(-1)))).not.toContain('SMTP AUTH');
  });

  it('smtp nudge <address> sends the owner one card in Teams: what was seen, what happens when, what to move to', async () => {
    e2e.connector.clear();
    await e2e.say(admin, `smtp nudge ${scannerMailbox.userPrincipalName}`);
    expect(text(e2e.saidTo(admin))).toContain(
      `Sent ${employeePerson.displayName} a card about the account that sends mail with a password`,
    );
    const card = text(wordsOf(e2e.cardsTo(employee).at(-1)));
    expect(card).toContain('something you own still sends mail with a password');
    expect(card).toContain('A mailbox you manage sent mail with a password through SMTP AUTH in the last 30 days');
    expect(card).toContain(`Scanner (${scannerMailbox.userPrincipalName})`);
    expect(card).toMatch(/Last seen 3 Dec 2026 07:00 UTC from 203\.0\.113\.10 · 8 sign-ins · a device that gives no name/);
    expect(card).toContain('A connector relay');
    expect(card).toContain('switched off by default at the end of this month (27 days)');
    expect((await e2e.auditTrail()).filter((a) => a.action === 'smtp nudge <account>')).toEqual([
      expect.objectContaining({ actorId: admin.aadObjectId, outcome: 'allowed' }),
    ]);

    // Asked again at once: the frequency cap holds, as for MFA nudges, until the admin forces it.
    const before = e2e.cardsTo(employee).length;
    await e2e.say(admin, `smtp nudge ${scannerMailbox.userPrincipalName}`);
    expect(text(e2e.saidTo(admin))).toMatch(/had a card about SMTP AUTH recently, so the next may go from/);
    expect(e2e.cardsTo(employee)).toHaveLength(before);
    await e2e.say(admin, `smtp nudge ${scannerMailbox.userPrincipalName} force`);
    expect(e2e.cardsTo(employee)).toHaveLength(before + 1);

    // An account that uses OAuth only: nothing to move, nobody told.
    await e2e.say(admin, `smtp nudge ${invoicingMailbox.userPrincipalName}`);
    expect(text(e2e.saidTo(admin))).toContain('did not send mail with a password in the last 30 days');
  });

  it("the owner of a person's own mailbox is that person: the admin's script tells the admin", async () => {
    await e2e.say(admin, `smtp nudge ${adminPerson.userPrincipalName}`);
    const card = text(wordsOf(e2e.cardsTo(admin).at(-1)));
    expect(card).toContain('Your mailbox sent mail with a password through SMTP AUTH in the last 30 days');
    expect(card).toContain('198.51.100.23');
  });

  it("the export gains each account's password sign-ins through SMTP AUTH and when it last sent one", async () => {
    await e2e.say(admin, 'export');
    const card = e2e.cardsTo(admin).at(-1) as { actions: { type: string; url: string }[] };
    const link = card.actions.find((a) => a.type === 'Action.OpenUrl')!.url;
    const csv = await (await fetch(link, { method: 'POST' })).text();
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header!.split(',').slice(-2)).toEqual(['smtpPasswordSignIns', 'smtpPasswordLastSeen']);
    const row = (upn: string) => rows.find((r) => r.includes(upn))!;
    expect(row(scannerMailbox.userPrincipalName)).toMatch(/,8,2026-12-03T07:00:00\.000Z$/);
    expect(row(adminPerson.userPrincipalName)).toMatch(/,1,2026-11-29T02:00:00\.000Z$/);
    expect(row(invoicingMailbox.userPrincipalName)).toMatch(/,,$/);
    expect(row(employeePerson.userPrincipalName)).toMatch(/,,$/);
  });

  it('in a channel, sends the senders privately; the channel learns only that', async () => {
    await e2e.say(admin, 'smtp', 'channel');
    expect(text(wordsOf(e2e.cardsTo(admin).at(-1)))).toContain(`Scanner (${scannerMailbox.userPrincipalName})`);
    const inChannel = e2e.connector
      .received()
      .filter((r) => r.conversationId !== undefined && !r.conversationId.includes(e2e.personal(admin)))
      .map((r) => text(wordsOf(r.body)))
      .join('\n');
    expect(inChannel).toContain('I sent you the SMTP AUTH senders in a private chat.');
    expect(inChannel).not.toContain(scannerMailbox.userPrincipalName);

    // Telling an owner from a channel: the channel learns only that the answer went privately, not whose mailbox.
    e2e.connector.clear();
    await e2e.say(admin, `smtp nudge ${scannerMailbox.userPrincipalName} force`, 'channel');
    // The owner's own chat aside (their card is there, as it should be): what the channel was told.
    const nudgeInChannel = e2e.connector
      .received()
      .filter((r) => r.conversationId !== undefined && ![admin, employee].some((who) => r.conversationId!.includes(e2e.personal(who))))
      .map((r) => text(wordsOf(r.body)))
      .join('\n');
    expect(nudgeInChannel).toContain("I sent you what became of the owner's card in a private chat.");
    expect(nudgeInChannel).not.toContain(employeePerson.displayName);
    expect(text(e2e.saidTo(admin))).toContain(`Sent ${employeePerson.displayName} a card`);
  });

  it('refuses anyone else the command, yet answers their questions about SMTP as questions', async () => {
    await e2e.say(employee, 'smtp');
    expect(text(e2e.saidTo(employee))).toContain('only administrators');
    e2e.connector.clear();
    await e2e.say(employee, 'smtp auth error 535 5.7.139');
    expect(text(e2e.saidTo(employee))).not.toContain('only administrators');
    expect(text(e2e.saidTo(employee))).toMatch(/535/);
  });

  it('without an Entra ID P1 or P2 licence, says so, points to the Exchange report and keeps the last read', async () => {
    e2e.graph.state.setEntraIdPremium(false);
    try {
      clock = new Date('2026-12-05T09:00:00Z');
      await e2e.say(admin, 'scan');
      await e2e.connector.waitFor((r) => /scan (finished|stopped)/i.test(wordsOf(r.body)), 30_000);
      await e2e.say(admin, 'smtp');
      const card = text(wordsOf(e2e.cardsTo(admin).at(-1)));
      expect(card).toContain('no Microsoft Entra ID P1 or P2 licence');
      expect(card).toContain('Reports › Mail flow › SMTP AUTH clients');
      expect(card).toContain('2 accounts still send mail with a password');
      expect(card).toContain('(26 days)');
    } finally {
      e2e.graph.state.setEntraIdPremium(true);
    }
  });
});
