import { CAMPAIGN_MANAGERS_GROUP, demoPersonas, generateDemoTenant, MFA_COACH_ADMINS_GROUP } from '../../emulators/demo-tenant';
import { VERBS } from '../../src/adapters/bot/cards/verbs';
import { databaseChoices } from '../support/app-harness';
import { cardParts, teamsUser, useEndToEnd, type Card } from '../support/end-to-end';

jest.setTimeout(60_000);

const WRITE = 'Policy.ReadWrite.AuthenticationMethod';
const tenant = generateDemoTenant({ users: 120 });
const { admin: adminPerson, employee: employeePerson } = demoPersonas(tenant);
const policyAdminsGroup = tenant.groups.find((g) => g.displayName === MFA_COACH_ADMINS_GROUP)!;
// "MFA Coach admins" is nested in "Campaign managers": with the latter as the admin group, its own members are
// admins who are not policy admins.
const adminsGroup = tenant.groups.find((g) => g.displayName === CAMPAIGN_MANAGERS_GROUP)!;
const otherAdminPerson = tenant.users.find((u) => u.id === adminsGroup.memberIds.find((id) => !policyAdminsGroup.memberIds.includes(id)))!;
const policyAdmin = teamsUser(adminPerson);
const otherAdmin = teamsUser(otherAdminPerson);
const employee = teamsUser(employeePerson);

/** A card's text blocks, one a line, as an admin reads them (markdown escapes gone). */
const linesOf = (card: unknown): string =>
  cardParts(card)
    .filter((part) => part.type === 'TextBlock')
    .map((part) => String(part.text).replace(/\\(.)/g, '$1'))
    .join('\n');
const inputsOf = (card: unknown) => cardParts(card).filter((part) => String(part.type).startsWith('Input.'));
const actionOf = (card: unknown, verb: string) => cardParts(card).find((part) => part.type === 'Action.Execute' && part.verb === verb);

const suite = (revoked: string[] = []) =>
  useEndToEnd(
    {
      tenant,
      database: databaseChoices()[0]!,
      app: {
        revokedGraphPermissions: revoked,
        configure: (c) => ({
          ...c,
          posture: { ...c.posture, adminGroupIds: [adminsGroup.id], policyAdminGroupIds: [policyAdminsGroup.id] },
        }),
      },
    },
    { installFor: [policyAdmin, otherAdmin] },
  );

describe("changing Entra's registration campaign from the policy card, end to end", () => {
  const e2e = suite();
  const snoozeInEntra = () => e2e.graph.state.policies.registrationCampaign.snoozeDurationInDays;

  it('lets a policy admin change the snooze 1 → 3 through review and apply; Entra has it, and the audit log says so', async () => {
    const card = await e2e.onlyCardFor(policyAdmin, 'policy');
    expect(inputsOf(card).map((input) => [input.id, input.value])).toEqual([
      ['state', 'microsoftManaged'],
      ['target', 'microsoftAuthenticator'],
      ['snoozeDays', 1],
    ]);
    // Teams sends the form's fields with the button's data, numbers as text.
    const review = actionOf(card, VERBS.policyCampaignReview)!;
    const form = { state: 'microsoftManaged', target: 'microsoftAuthenticator', snoozeDays: '3' };
    const confirmation = await e2e.press<Card>(policyAdmin, VERBS.policyCampaignReview, { ...(review.data as object), ...form });
    const asked = linesOf(confirmation);
    expect(asked).toContain("Change Entra's registration campaign?");
    expect(asked).toContain('Snooze: 1 day → 3 days');
    expect(asked).not.toMatch(/State:|Method people/);
    expect(asked).toContain('Nothing changes until you press Apply.');
    expect(snoozeInEntra()).toBe(1);

    const apply = actionOf(confirmation, VERBS.policyCampaignApply)!;
    expect(apply.data).toEqual({ snoozeDays: 3 });
    const updated = linesOf(await e2e.press<Card>(policyAdmin, VERBS.policyCampaignApply, apply.data as Record<string, unknown>));
    expect(updated).toContain('Changed in Microsoft Entra: Snooze: 1 day → 3 days. Recorded in the audit log.');
    expect(updated).toContain('Registration campaign: Microsoft managed');
    expect(updated).toContain('snooze 3 days');
    expect(snoozeInEntra()).toBe(3);
    expect((await e2e.auditTrail()).filter((a) => a.action.startsWith('policy campaign'))).toEqual([
      expect.objectContaining({ actorId: policyAdmin.aadObjectId, action: 'policy campaign change snooze 1→3', outcome: 'allowed' }),
    ]);
  });

  it('shows an admin outside the policy-admin group the campaign read-only, and refuses and audits their forged apply', async () => {
    const before = snoozeInEntra();
    const card = await e2e.onlyCardFor(otherAdmin, 'policy');
    expect(inputsOf(card)).toEqual([]);
    expect(linesOf(card)).toContain(
      'Read-only for you: only members of the policy-admin group may change the registration campaign from Teams.',
    );

    const refused = linesOf(await e2e.press<Card>(otherAdmin, VERBS.policyCampaignApply, { snoozeDays: 7 }));
    expect(refused).toContain('You cannot change the campaign from Teams');
    expect(refused).toContain('only members of the policy-admin group');
    expect(snoozeInEntra()).toBe(before);
    expect((await e2e.auditTrail()).filter((a) => a.actorId === otherAdmin.aadObjectId && a.action.startsWith('policy campaign'))).toEqual([
      expect.objectContaining({ action: 'policy campaign change (not a policy admin)', outcome: 'refused' }),
    ]);
  });

  it("refuses a non-admin's forged apply with the admin refusal, changes nothing, and audits it", async () => {
    const before = snoozeInEntra();
    const refused = linesOf(await e2e.press<Card>(employee, VERBS.policyCampaignApply, { snoozeDays: 7 }));
    expect(refused).toContain('only administrators');
    expect(snoozeInEntra()).toBe(before);
    expect((await e2e.auditTrail()).filter((a) => a.actorId === employee.aadObjectId)).toEqual([
      expect.objectContaining({ action: 'policy campaign change', outcome: 'refused' }),
    ]);
  });

  it('answers "Cancel" with the policy card again, nothing changed', async () => {
    const before = snoozeInEntra();
    const card = await e2e.press<Card>(policyAdmin, VERBS.policyCampaignCancel, {});
    expect(linesOf(card)).toContain("Entra's registration campaign");
    expect(inputsOf(card).map((input) => input.id)).toEqual(['state', 'target', 'snoozeDays']);
    expect(snoozeInEntra()).toBe(before);
  });
});

describe(`the policy card without ${WRITE}, end to end`, () => {
  const e2e = suite([WRITE]);

  it('stays read-only for a policy admin and names the permission that would enable changes', async () => {
    const card = await e2e.onlyCardFor(policyAdmin, 'policy');
    expect(inputsOf(card)).toEqual([]);
    expect(linesOf(card)).toContain(
      `Read-only: MFA Coach lacks ${WRITE}. Grant it (application permission, admin consent) to change the registration campaign from Teams.`,
    );
    // The campaign itself still reads, with the read permission.
    expect(linesOf(card)).toContain('Registration campaign: Microsoft managed');
    const refused = linesOf(await e2e.press<Card>(policyAdmin, VERBS.policyCampaignApply, { snoozeDays: 3 }));
    expect(refused).toContain(`MFA Coach lacks ${WRITE}`);
    expect(e2e.graph.stats().requestsByRoute['PATCH /policies/authenticationMethodsPolicy']).toBeUndefined();
  });
});
