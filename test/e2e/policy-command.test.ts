import { demoPersonas, generateDemoTenant, MFA_EXCLUSIONS_GROUP } from '../../emulators/demo-tenant';
import { databaseChoices } from '../support/app-harness';
import { adminsGroupOf, cardParts, teamsUser, useEndToEnd, wordsOf } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 120 });
const { admin: adminPerson, employee: employeePerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
const employee = teamsUser(employeePerson);
const exclusions = tenant.groups.find((g) => g.displayName === MFA_EXCLUSIONS_GROUP)!;
const enabledMembers = tenant.users.filter((u) => u.accountEnabled && u.userType === 'Member').length;
// The demo's policy excludes the "MFA exclusions" group and the break-glass account: nobody else is left out.
const leftOut = exclusions.memberIds.length + 1;
const percent = Math.floor(((enabledMembers - leftOut) * 100) / enabledMembers);

/** A card's text blocks, one a line, as an admin reads them (markdown escapes gone). */
const linesOf = (card: unknown): string =>
  cardParts(card)
    .filter((part) => part.type === 'TextBlock')
    .map((part) => String(part.text).replace(/\\(.)/g, '$1'))
    .join('\n');

describe('"policy" end to end, on the demo tenant', () => {
  const e2e = useEndToEnd(
    {
      tenant,
      database: databaseChoices()[0]!,
      // The scan counts the people; its pace is not what this test is about.
      graph: { throttle: { reports: null } },
      app: { adminGroupIds: [adminsGroupOf(tenant).id], overrides: { reportsBudget: { limit: 1000, windowMs: 1000 } } },
    },
    { installFor: [admin, employee] },
  );

  it('gives an admin who must use MFA and who is left out, the registration campaign, and how it and MFA Coach fit', async () => {
    await e2e.say(admin, 'scan');
    await e2e.connector.waitFor((r) => /scan finished/i.test(wordsOf(r.body)), 30_000);
    e2e.connector.clear();

    const card = linesOf(await e2e.onlyCardFor(admin, 'policy'));
    expect(card).toContain(`MFA required for ${percent}% by Conditional Access; ${leftOut} people excluded`);
    expect(card).toContain(
      'Counts: "Require MFA for all users" requires MFA for all users, excluding 1 user (Emergency Access Account 01), 1 group (MFA exclusions)',
    );
    expect(card).toContain(`Left out by excluded group MFA exclusions: ${exclusions.memberIds.length} people`);
    expect(card).toContain('Report-only, not enforced: "Block legacy authentication"');
    expect(card).toContain('Disabled, not enforced: "Require MFA for guests and external users"');
    expect(card).toMatch(/Admin roles: phishing-resistant MFA not required \(missing for \d+ of \d+ roles\)/);
    expect(card).toContain(
      'Registration campaign: Microsoft managed (Microsoft turns it on for people who sign in with text messages or phone calls), asks for Microsoft Authenticator, snooze 1 day',
    );
    expect(card).toContain('Included: all users');
    expect(card).toContain('Snooze limit: not reported (Graph shows it in beta only)');
    expect(card).toContain('people with no method at all are never reached by it; MFA Coach reaches them');
    expect((await e2e.auditTrail()).filter((a) => a.action === 'policy')).toEqual([
      expect.objectContaining({ actorId: admin.aadObjectId, outcome: 'allowed', where: 'personal' }),
    ]);
  });

  it('refuses anyone else, with nothing of the policies, and audits the attempt', async () => {
    const card = linesOf(await e2e.onlyCardFor(employee, 'policy'));
    expect(card).toContain('only administrators');
    expect(card).not.toMatch(/Conditional Access|Registration campaign|MFA exclusions/);
    expect((await e2e.auditTrail()).filter((a) => a.action === 'policy' && a.actorId === employee.aadObjectId)).toEqual([
      expect.objectContaining({ outcome: 'refused' }),
    ]);
  });
});
