import { CAMPAIGN_MANAGERS_GROUP, demoPersonas, generateDemoTenant, scenarioPeople } from '../../emulators/demo-tenant';
import { STRENGTHS_STRONGEST_FIRST } from '../../src/domain/mfa/mfa-strength';
import { databaseChoices } from '../support/app-harness';
import { scanAs, useCampaignEndToEnd } from '../support/campaign-end-to-end';
import { teamsUser, wordsOf as text, type Card } from '../support/end-to-end';
import { eventually } from '../support/eventually';

jest.setTimeout(120_000);

const tenant = generateDemoTenant({ users: 80 });
const cast = scenarioPeople(tenant);
const managerGroup = tenant.groups.find((g) => g.displayName === CAMPAIGN_MANAGERS_GROUP)!;
const managerPerson = tenant.users.find((u) => u.accountEnabled && managerGroup.memberIds.includes(u.id))!;
const manager = teamsUser(managerPerson);
const admin = teamsUser(demoPersonas(tenant).admin);
// Two of the demo's phone-only people (an office phone, a mobile), and one with a passkey who must not be reminded.
const [officeOnly, mobileOnly, passkeyUser] = [cast.officeOnly, cast.mobileOnly, cast.passkeyAuthenticator].map(teamsUser);

describe.each(databaseChoices())('a campaign from the "Before SMS and voice stop" preset (%s)', (database) => {
  // The bot's clock, given: 59 days before 1 February 2027.
  const clock = new Date('2026-12-04T09:00:00Z');
  const e2e = useCampaignEndToEnd(
    {
      tenant,
      database,
      sendRate: 20,
      configure: (c) => ({ ...c, nudges: { ...c.nudges, campaignManagerGroupIds: [managerGroup.id] } }),
      overrides: { now: () => clock },
    },
    { installFor: [manager, admin, officeOnly!, mobileOnly!, passkeyUser!], clearBetweenTests: false },
  );
  const fieldsOf = (card: Card) =>
    Object.fromEntries(
      JSON.stringify(card.body)
        .match(/"id":"[a-zA-Z]+"[^{}]*?"value":"[^"]*"/g)!
        .map((m) => [/"id":"([a-zA-Z]+)"/.exec(m)![1], /"value":"([^"]*)"/.exec(m)![1]]),
    ) as Record<string, string>;

  beforeAll(async () => {
    await scanAs(e2e, admin);
  });

  it('offers the preset on the form, and fills every field from it when pressed', async () => {
    await e2e.say(manager, 'campaign new');
    const blank = e2e.cardsTo(manager).at(-1)!;
    expect(text(blank)).toContain('Start from: Before SMS and voice stop');
    expect(text(blank)).toContain('Only SMS or voice (ending 1 February 2027)');

    const filled = await e2e.press(manager, 'campaign.new', { preset: 'beforeSmsVoiceStop' });

    expect(text(filled)).toContain('New campaign: Before SMS and voice stop');
    expect(fieldsOf(filled)).toMatchObject({
      name: 'Before SMS and voice stop',
      gaps: 'phoneOnly',
      deadline: '2027-01-31',
      endDate: '2027-01-31',
    });
  });

  it('reaches exactly the people who rely on SMS and voice alone, and tells each what 1 February 2027 means for them', async () => {
    const { total } = await e2e.stores.posture.listUsers({ strengths: STRENGTHS_STRONGEST_FIRST, phoneOnly: true, offset: 0, limit: 1 });
    const form = {
      name: 'Before SMS and voice stop',
      gaps: 'phoneOnly',
      scope: 'all',
      // Started now here so the run happens during the test; the preset itself schedules Tuesdays and Thursdays.
      scheduleKind: 'now',
      timeZone: 'UTC',
      window: 'always',
      deadline: '2027-01-31',
      maxNudges: '2',
    };

    const created = await e2e.press(manager, 'campaign.create', form);

    expect(text(created)).toContain('People who rely on SMS and voice alone');
    const [campaign] = await e2e.harness.app.campaigns.store.list(1);
    const runs = await eventually(
      'the run finished',
      async () => {
        const all = await e2e.harness.app.campaigns.store.runs(campaign!.id);
        return all.length > 0 && all.every((run) => run.status !== 'delivering') && all;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(runs[0]!.targeted).toBe(total);
    const reason = 'Microsoft stops checking sign-ins by text message and phone call on 1 February 2027, in 59 days.';
    for (const person of [officeOnly!, mobileOnly!]) expect(text(e2e.cardsTo(person).at(-1))).toContain(reason);
    // Only the welcome from installing the bot: no reminder.
    expect(e2e.cardsTo(passkeyUser!).filter((card) => text(card).includes('please protect your work account'))).toEqual([]);
  });
});
