import { demoPersonas, generateDemoTenant, scenarioPeople } from '../../emulators/demo-tenant';
import { STRENGTHS_STRONGEST_FIRST } from '../../src/domain/mfa/mfa-strength';
import { databaseChoices } from '../support/app-harness';
import { adminsGroupOf, teamsUser, useEndToEnd, wordsOf as text } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 150 });
const { admin: adminPerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);

describe.each(databaseChoices())('getting ready for the end of SMS and voice (%s)', (database) => {
  // The bot's clock, given: the countdown reads 59 days on 4 December 2026, and the wording turns on 1 February 2027.
  let clock = new Date('2026-12-04T09:00:00Z');
  const e2e = useEndToEnd(
    {
      tenant,
      database,
      graph: { throttle: { reports: null } },
      app: { adminGroupIds: [adminsGroupOf(tenant).id], overrides: { now: () => clock, reportsBudget: { limit: 1000, windowMs: 1000 } } },
    },
    { installFor: [admin] },
  );
  const phoneOnly = () => e2e.stores.posture.listUsers({ strengths: STRENGTHS_STRONGEST_FIRST, phoneOnly: true, offset: 0, limit: 100 });

  it('scans, then posture counts down to 1 February 2027 with how many rely on SMS and voice alone', async () => {
    await e2e.say(admin, 'scan');
    await e2e.connector.waitFor((r) => /scan finished/i.test(text(r.body)), 30_000);
    const { total } = await phoneOnly();
    // The demo's cast alone holds seven people whose only second factor is a phone, of every phone type.
    expect(total).toBeGreaterThanOrEqual(7);

    await e2e.say(admin, 'posture');

    const card = text(e2e.cardsTo(admin).at(-1));
    expect(card).toMatch(
      new RegExp(`SMS and voice stop on 1 February 2027 \\(59 days\\): ${total} people \\([\\d.]+%\\) rely on them only`),
    );
    expect(card).toMatch(/Phishing-resistant MFA: \d+ people \([\d.]+%\)/);
    // Who must use MFA, from the demo's Conditional Access policy that excludes a group and a break-glass account.
    expect(card).toMatch(/MFA required for \d+% by Conditional Access; \d+ people excluded/);
  });

  it('lists the phone-only people with the phone Entra keeps for each, and what will happen to them', async () => {
    await e2e.say(admin, 'phone-only');

    const card = text(e2e.cardsTo(admin).at(-1));
    expect(card).toContain('People who rely on SMS and voice only');
    expect(card).toContain('then each of them must register another method at their next sign-in');
    const office = scenarioPeople(tenant).officeOnly;
    expect(card).toContain(office.displayName);
    expect(card).toContain('office phone (calls only)');
    // Someone with Authenticator as well is not on it, nor is someone with nothing at all.
    const { users } = await phoneOnly();
    expect(users.every((u) => u.methods.every((m) => ['sms', 'voice', 'email', 'temporaryAccessPass', 'qrCodePin'].includes(m)))).toBe(
      true,
    );
  });

  it('after the date, says what has happened instead of counting down', async () => {
    clock = new Date('2027-02-03T09:00:00Z');

    await e2e.say(admin, 'posture');

    const card = text(e2e.cardsTo(admin).at(-1));
    expect(card).toContain('SMS and voice stopped on 1 February 2027 (2 days ago)');
    expect(card).not.toContain('stop on 1 February');
  });

  it('sends the list privately when asked in a channel, and audits which list of which department', async () => {
    const ask = e2e.teams.aMessage({ text: 'phone-only Sales', user: admin, conversationType: 'channel' });
    await e2e.harness.post(ask);

    const channelId = (ask.conversation as { id: string }).id;
    expect(text(e2e.connector.cards(channelId))).toMatch(/private chat/);
    expect(text(e2e.connector.cards(channelId))).not.toContain('People who rely on SMS and voice only');
    const audit = await e2e.auditTrail();
    expect(audit.map((entry) => entry.action)).toContain('phone-only <department>');
  });
});
