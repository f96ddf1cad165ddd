import {
  AUTHENTICATOR_PASSKEY_AAGUIDS,
  CAMPAIGN_MANAGERS_GROUP,
  demoPersonas,
  generateDemoTenant,
  METHOD_TYPES,
} from '../../emulators/demo-tenant';
import { databaseChoices } from '../support/app-harness';
import { scanAs, untilRunsFinished, useCampaignEndToEnd } from '../support/campaign-end-to-end';
import { nudgeIdOf, teamsUser, wordsOf as text, type Card } from '../support/end-to-end';

jest.setTimeout(120_000);

const tenant = generateDemoTenant({ users: 80 });
const managerGroup = tenant.groups.find((g) => g.displayName === CAMPAIGN_MANAGERS_GROUP)!;
const managerPerson = tenant.users.find((u) => u.accountEnabled && managerGroup.memberIds.includes(u.id))!;
const manager = teamsUser(managerPerson);
const admin = teamsUser(demoPersonas(tenant).admin);
// Two members of one department, neither an admin nor the manager: one with Microsoft Authenticator alone, one with a passkey.
const eligible = tenant.users.filter(
  (u) => u.department && u.userType === 'Member' && u.accountEnabled && u.id !== managerPerson.id && u.id !== demoPersonas(tenant).admin.id,
);
const department = eligible.find((u) => eligible.filter((other) => other.department === u.department).length >= 2)!.department!;
const [withAuthenticator, withPasskey] = eligible.filter((u) => u.department === department);
const authenticatorUser = teamsUser(withAuthenticator!);
const passkeyUser = teamsUser(withPasskey!);

/** A passkey in Microsoft Authenticator, as Graph's v1.0 fido2AuthenticationMethod shows it. */
const authenticatorPasskey = (id: string) => ({
  '@odata.type': METHOD_TYPES.fido2,
  id,
  displayName: 'Passkey in Authenticator',
  createdDateTime: '2026-11-20T10:00:00Z',
  aaGuid: [...AUTHENTICATOR_PASSKEY_AAGUIDS][0]!,
  model: 'Microsoft Authenticator - iOS',
  attestationCertificates: [],
  attestationLevel: 'notAttested' as const,
});

describe.each(databaseChoices())('a campaign that asks for a passkey (%s)', (database) => {
  const e2e = useCampaignEndToEnd(
    {
      tenant,
      database,
      sendRate: 20,
      configure: (c) => ({ ...c, nudges: { ...c.nudges, campaignManagerGroupIds: [managerGroup.id] } }),
    },
    { installFor: [manager, admin, authenticatorUser, passkeyUser], clearBetweenTests: false },
  );
  const reminders = (user: typeof manager) => e2e.cardsTo(user).filter((card) => text(card).includes('please protect your work account'));

  beforeAll(async () => {
    e2e.graph.state.setMethods(withAuthenticator!.id, []);
    e2e.graph.state.enrolAuthenticator(withAuthenticator!.id);
    e2e.graph.state.setMethods(withPasskey!.id, [authenticatorPasskey('passkey-of-the-second')]);
    e2e.graph.state.refreshReport();
    await scanAs(e2e, admin);
  });

  it('offers the choice on the form, starting at the setting (Microsoft Authenticator)', async () => {
    await e2e.say(manager, 'campaign new');
    const form = JSON.stringify(e2e.cardsTo(manager).at(-1)!.body);
    expect(form).toMatch(/"id":"target","label":"What to ask for \(MFA reminders\)"[^{}]*"value":"authenticator"/);
    expect(form).toContain('"title":"Everyone without what this campaign asks for","value":"missingTarget"');
  });

  it('nudges someone with Authenticator alone with passkey steps; "I\'ve done it" asks for a passkey until one is there', async () => {
    const created = await e2e.press(manager, 'campaign.create', {
      name: 'Passkeys for everyone',
      gaps: 'missingTarget',
      target: 'passkey',
      scope: 'departments',
      departments: department,
      scheduleKind: 'now',
      timeZone: 'UTC',
      window: 'always',
      maxNudges: '1',
    });
    expect(text(created)).toContain('A passkey: in Microsoft Authenticator, on their computer or phone, or a security key');
    const [campaign] = await e2e.harness.app.campaigns.store.list(1);
    expect(campaign).toMatchObject({ name: 'Passkeys for everyone', target: 'passkey' });
    await untilRunsFinished(e2e, campaign!.id);

    // Strong by the default rule, but not what this campaign asks for: reminded, with the passkey's steps and link.
    const [card] = reminders(authenticatorUser) as Card[];
    expect(text(card)).toContain('Your organisation now asks for a passkey');
    expect(text(card)).toContain('You already have Microsoft Authenticator: now add a passkey');
    expect(text(card)).toContain('a security key');
    expect(card!.actions?.find((a) => a.title === 'Set up now')?.url).toBe('https://aka.ms/mysecurityinfo');
    // Someone who has a passkey already is not reminded.
    expect(reminders(passkeyUser)).toEqual([]);

    const nudgeId = nudgeIdOf(card);
    // Teams names the card's message when its button is pressed: the answer replaces that message.
    const cardMessage = e2e.connector
      .activities(e2e.personal(authenticatorUser))
      .find((record) => text(record.activity).includes(nudgeId))!.activityId;
    const press = () => e2e.press(authenticatorUser, 'nudge.done', { nudgeId }, cardMessage);
    const still = await press();
    expect(text(still)).toContain('there is no passkey on your account yet, and a passkey is what your organisation asks for');
    expect(text(still)).not.toContain('no Microsoft Authenticator');
    expect(text(still)).toContain("I've done it");

    e2e.graph.state.addMethod(withAuthenticator!.id, authenticatorPasskey('passkey-just-added'));
    const done = await press();
    expect(text(done)).toContain(`Thank you, ${withAuthenticator!.givenName}!`);
    expect(text(done)).toContain('Passkey');
    expect((await e2e.stores.nudges.find(nudgeId))?.series.endReason).toBe('enrolled');
  });
});
