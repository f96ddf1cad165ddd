import type { TeamsUser } from '../../emulators/connector';
import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { databaseChoices } from '../support/app-harness';
import { startCampaignEndToEnd } from '../support/campaign-end-to-end';
import type { EndToEnd } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 40 });
const { admin: adminPerson } = demoPersonas(tenant);
const admin: TeamsUser = { aadObjectId: adminPerson.id, name: adminPerson.displayName };
const people = tenant.users.filter((u) => u.accountEnabled && u.userType === 'Member' && u.id !== adminPerson.id).slice(0, 4);
const text = (value: unknown) => JSON.stringify(value).replace(/\\\\/g, '');

/**
 * Every nudge the bot sends shares the tenant's send budget with the campaigns, so that an admin's `nudge` or a
 * snooze's reminder sent during a campaign run does not go out on top of it, above Teams' rate.
 */
describe.each(databaseChoices())('the send budget end to end (%s)', (database) => {
  let e2e: EndToEnd | undefined;

  beforeAll(async () => {
    // One send a second: four nudges asked for at once need at least three seconds between the first and the last.
    e2e = await startCampaignEndToEnd({ tenant, database, sendRate: 1 });
    for (const user of [admin, ...people.map((p) => ({ aadObjectId: p.id, name: p.displayName }))]) {
      await e2e.harness.post(e2e.teams.anInstallationUpdate({ action: 'add', scope: 'personal', user }));
    }
    for (const person of people) e2e.graph.state.setMethods(person.id, []);
  });
  afterAll(() => e2e?.stop());

  it("spaces an admin's nudges asked for at once by the tenant's rate, and each still arrives", async () => {
    const { harness, teams, connector } = e2e!;
    connector.clear();
    await Promise.all(people.map((person) => harness.post(teams.aMessage({ text: `nudge ${person.userPrincipalName}`, user: admin }))));

    const arrivals = people
      .map((person) => {
        const cards = connector
          .activities(teams.personalConversationId({ aadObjectId: person.id }))
          .filter((activity) => text(activity.activity).includes('please protect your work account'));
        expect(cards).toHaveLength(1);
        return cards[0]!.at;
      })
      .sort((a, b) => a - b);
    // Unpaced, the four cards go within a few hundred milliseconds of each other.
    expect(arrivals[3]! - arrivals[0]!).toBeGreaterThanOrEqual(2_700);
    for (const person of people)
      expect(text(connector.activities(teams.personalConversationId(admin)))).toContain(`Sent ${person.displayName} a reminder`);
  });
});
