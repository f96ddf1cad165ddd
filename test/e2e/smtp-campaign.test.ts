import { demoPersonas, generateDemoTenant, scenarioPeople, smtpSignInEvent } from '../../emulators/demo-tenant';
import { databaseChoices } from '../support/app-harness';
import { adminsGroupOf, teamsUser, wordsOf } from '../support/end-to-end';
import { untilRunsFinished, useCampaignEndToEnd } from '../support/campaign-end-to-end';
import { SqlSmtpOwnerNudges } from '../../src/adapters/storage/sql-smtp-owner-nudges';

jest.setTimeout(120_000);

const tenant = generateDemoTenant({ users: 120 });
const { admin: adminPerson, employee: employeePerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
const employee = teamsUser(employeePerson);
const { scannerMailbox } = scenarioPeople(tenant);
/** What the bot posted, as words, markdown escapes gone. */
const text = (words: string) => words.replace(/\\(.)/g, '$1');
const ownersCard = /something you own still sends mail with a password/;
/** One fact of a card's FactSet, as the card's JSON has it. */
const fact = (title: string, value: string) => `"title":"${title}","value":"${value}"`;

/**
 * A campaign for the owners of accounts that sent mail with a password in the last 30 days, as a security lead runs
 * it: chosen on the campaign form, its run reaches the owners the latest read of the sign-in log finds (the scanner's
 * shared mailbox goes to its manager, the demo employee), each gets the owner's card, not an MFA nudge, and the
 * status card counts who moved off the password.
 */
describe.each(databaseChoices())('a campaign for owners of password senders (%s)', (database) => {
  // The demo sign-in log is the 30 days before 4 December 2026; the bot's clock is given.
  let clock = new Date('2026-12-04T09:00:00Z');
  const e2e = useCampaignEndToEnd(
    {
      tenant,
      database,
      sendRate: 20,
      signInsAnchor: new Date('2026-12-04T09:00:00Z'),
      configure: (c) => ({ ...c, nudges: { ...c.nudges, campaignManagerGroupIds: [adminsGroupOf(tenant).id] } }),
      overrides: { now: () => clock },
    },
    { installFor: [admin, employee], clearBetweenTests: false },
  );
  const form = {
    name: 'Off the password before January',
    gaps: 'smtpPassword',
    scope: 'all',
    excluded: adminPerson.userPrincipalName,
    scheduleKind: 'now',
    timeZone: 'UTC',
    window: 'always',
    maxNudges: '1',
  };

  beforeAll(async () => {
    await e2e.say(admin, 'scan');
    await e2e.connector.waitFor((r) => /scan finished/i.test(wordsOf(r.body)), 60_000);
  });

  it('offers the audience on the form, and refuses a deadline or managers told, saying why', async () => {
    await e2e.say(admin, 'campaign new');
    const card = JSON.stringify(e2e.cardsTo(admin).at(-1)!.body);
    expect(card).toContain('"title":"Owners of accounts that sent mail with a password (last 30 days)","value":"smtpPassword"');
    const refused = await e2e.press(admin, 'campaign.create', { ...form, deadline: '2026-12-31', escalateAfter: '2' });
    expect(text(wordsOf(refused))).toContain('Leave the deadline empty: the card to owners of password senders gives the date');
    expect(text(wordsOf(refused))).toContain('managers are told about unanswered MFA nudges only');
    expect(await e2e.harness.app.campaigns.store.list(5)).toEqual([]);
  });

  it("reaches the scanner's owner with the owner's card (never an MFA nudge), not the excluded admin, and counts nobody moved yet", async () => {
    const created = text(wordsOf(await e2e.press(admin, 'campaign.create', form)));
    expect(created).toContain('Owners of accounts that sent mail with a password (last 30 days), among everyone; 1 left out');
    expect(created).toContain('To move each account off the password');
    const [campaign] = await e2e.harness.app.campaigns.store.list(1);
    await untilRunsFinished(e2e, campaign!.id);

    const toEmployee = e2e.cardsTo(employee).map((card) => text(wordsOf(card)));
    expect(toEmployee.filter((card) => ownersCard.test(card))).toHaveLength(1);
    const card = toEmployee.find((one) => ownersCard.test(one))!;
    expect(card).toContain(`Scanner (${scannerMailbox.userPrincipalName})`);
    expect(card).toContain('A connector relay');
    expect(toEmployee.some((one) => one.includes('please protect your work account'))).toBe(false);
    // The admin owns a password sender too (their own script), and was left out by name.
    expect(e2e.cardsTo(admin).some((one) => ownersCard.test(text(wordsOf(one))))).toBe(false);

    await e2e.say(admin, `campaign ${campaign!.number}`);
    const status = text(wordsOf(e2e.cardsTo(admin).at(-1)));
    expect(status).toContain(fact('Targeted', '1'));
    expect(status).toContain(fact('Delivered', '1'));
    expect(status).toContain(fact('Moved off the password after the card', '0'));
    expect(status).not.toContain('Enrolled');
    // The owner's card has no buttons whose use is counted: no "Opened" or "Snoozed" that could only read 0.
    expect(status).not.toContain('"title":"Opened"');
    expect(status).not.toContain('"title":"Snoozed"');
    // The card is kept among the owners' cards, as a campaign's.
    const [kept] = await new SqlSmtpOwnerNudges(e2e.harness.app.database).latestTo(employeePerson.id, 1);
    expect(kept).toMatchObject({ source: 'campaign', status: 'sent' });
  });

  it('counts the owner as moved once the scanner signs in with OAuth and no more with its password', async () => {
    // The next day the scanner sends through an app with OAuth (not Exchange checking a password).
    e2e.graph.state.addSignIns({
      ...smtpSignInEvent({
        id: 'scanner-oauth-1',
        createdDateTime: '2026-12-05T08:00:00Z',
        who: scannerMailbox,
        tenantId: tenant.tenantId,
        correlationId: 'scanner-oauth-1',
      }),
      appId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
      appDisplayName: 'Scan to mail (OAuth)',
    });
    clock = new Date('2026-12-05T09:00:00Z');
    e2e.connector.clear();
    await e2e.say(admin, 'scan');
    await e2e.connector.waitFor((r) => /scan finished/i.test(wordsOf(r.body)), 60_000);

    const [campaign] = await e2e.harness.app.campaigns.store.list(1);
    await e2e.say(admin, `campaign ${campaign!.number}`);
    const status = text(wordsOf(e2e.cardsTo(admin).at(-1)));
    expect(status).toContain(fact('Moved off the password after the card', '1'));
    // Sent on the 4th at 09:00, OAuth seen by the read of the 5th at 09:00: the latest it can have been.
    expect(status).toContain(fact('Median time to move', '24.0 h'));
    await e2e.say(admin, 'campaigns');
    expect(text(wordsOf(e2e.cardsTo(admin).at(-1)))).toContain('1 targeted · 1 delivered · 1 moved off the password');

    // The export says the same, under a column named for what it is.
    await e2e.say(admin, `campaign export ${campaign!.number}`);
    const exportCard = e2e.cardsTo(admin).at(-1) as { actions: { type: string; url: string }[] };
    expect(text(wordsOf(exportCard))).toContain('whether they moved off the password after it');
    const link = exportCard.actions.find((a) => a.type === 'Action.OpenUrl')!.url;
    const [header, row] = (await (await fetch(link, { method: 'POST' })).text()).trim().split('\r\n');
    expect(header!.split(',').at(-1)).toBe('movedOffPasswordAt');
    expect(row).toContain(employeePerson.userPrincipalName);
    expect(row!.split(',').at(-1)).toBe('2026-12-05T09:00:00.000Z');
  });
});
