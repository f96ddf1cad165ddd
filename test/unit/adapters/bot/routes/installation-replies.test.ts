import { allText } from '../cards/card-inspect';
import { PEOPLE } from '../fake-bot-dependencies';
import { cardOf, teams, testChat } from '../test-chat';

const user = PEOPLE.employee;

describe('what the bot does when it is installed and removed', () => {
  it('welcomes a person once by name, keeps their chat for later, and forgets a team it was removed from', async () => {
    const chat = testChat();
    const [welcome, ...more] = await chat.send(teams.anInstallationUpdate({ action: 'add', scope: 'personal', user }));
    expect(allText(cardOf(welcome))).toContain("Hi Adele, I'm MFA Coach");
    expect(more).toEqual([]);
    expect(await chat.send(teams.aConversationUpdateBotAdded({ scope: 'personal', user }))).toEqual([]);
    expect([...chat.references.values()]).toEqual([
      expect.objectContaining({ scope: 'personal', userAadObjectId: user.aadObjectId, conversationId: teams.personalConversationId(user) }),
    ]);

    await chat.send(teams.aConversationUpdateBotAdded({ scope: 'team', user }));
    expect([...chat.references.values()].map((reference) => reference.scope)).toEqual(['personal', 'team']);
    expect(await chat.send(teams.aConversationUpdateBotRemoved({ scope: 'team', user }))).toEqual([]);
    expect([...chat.references.values()].map((reference) => reference.scope)).toEqual(['personal']);
  });
});
