import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { databaseChoices } from '../support/app-harness';
import { useCampaignEndToEnd } from '../support/campaign-end-to-end';
import { teamsUser, wordsOf as text } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 40 });
const { admin: adminPerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
const people = tenant.users.filter((u) => u.accountEnabled && u.userType === 'Member' && u.id !== adminPerson.id).slice(0, 4);

/**
 * Every nudge the bot sends shares the tenant's send budget with the campaigns, so that an admin's `nudge` or a
 * snooze's reminder sent during a campaign run does not go out on top of it, above Teams' rate.
 */
describe.each(databaseChoices())('the send budget end to end (%s)', (database) => {
  // One send a second: four nudges asked for at once need at least three seconds between the first and the last.
  const e2e = useCampaignEndToEnd({ tenant, database, sendRate: 1 }, { installFor: [admin, ...people.map(teamsUser)] });
  beforeAll(() => {
    for (const person of people) e2e.graph.state.setMethods(person.id, []);
  });

  it("spaces an admin's nudges asked for at once by the tenant's rate, and each still arrives", async () => {
    const { teams, connector } = e2e;
    await Promise.all(people.map((person) => e2e.say(admin, `nudge ${person.userPrincipalName}`)));

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
    for (const person of people) expect(e2e.saidTo(admin)).toContain(`Sent ${person.displayName} a reminder`);
  });
});
