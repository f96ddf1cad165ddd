import { STALE_BUTTON } from '../../../../../src/adapters/bot/routes/card-actions';
import { VERBS } from '../../../../../src/adapters/bot/cards/verbs';
import { allText } from '../cards/card-inspect';
import { ARTICLE, PEOPLE } from '../fake-bot-dependencies';
import { asActivity, invokeCardOf, teams, testChat } from '../test-chat';

const { employee, admin } = PEOPLE;

/** Presses a card's button (Action.Execute) and reads the card that replaces it. */
async function press(verb: string, data: Record<string, unknown>, user: (typeof PEOPLE)[keyof typeof PEOPLE] = employee) {
  const chat = testChat();
  const replies = await chat.send(teams.anAdaptiveCardInvoke({ verb, data, user }));
  expect(replies).toHaveLength(1);
  return { text: allText(invokeCardOf(replies[0])), logs: chat.logs };
}

describe("what the bot answers to a card's button", () => {
  it('turns the welcome card into the help card in place', async () => {
    const chat = testChat();
    await chat.adapter
      .send(asActivity(teams.anAdaptiveCardInvoke({ verb: VERBS.showHelp, user: employee })))
      .assertReply((reply) => expect(allText(invokeCardOf(reply))).toContain('What MFA Coach can do'));
  });

  it("shows a related question's article, named by the card's typed data", async () => {
    expect((await press(VERBS.showAnswer, { articleId: ARTICLE.id })).text).toContain(ARTICLE.shortAnswer);
  });

  it('gives an article opened from another the way back to it, and none back to an article that does not exist', async () => {
    const chat = testChat();
    const [withBack] = await chat.send(
      teams.anAdaptiveCardInvoke({ verb: VERBS.showAnswer, data: { articleId: ARTICLE.id, from: ARTICLE.id }, user: employee }),
    );
    expect(JSON.stringify(invokeCardOf(withBack))).toContain('"title":"◀ Back"');
    const [forged] = await chat.send(
      teams.anAdaptiveCardInvoke({ verb: VERBS.showAnswer, data: { articleId: ARTICLE.id, from: 'no-such-article' }, user: employee }),
    );
    expect(allText(invokeCardOf(forged))).toContain(ARTICLE.shortAnswer);
    expect(JSON.stringify(invokeCardOf(forged))).not.toContain('◀ Back');
  });

  it.each([
    [VERBS.showAnswer, { articleId: 42 }],
    [VERBS.showAnswer, {}],
    [VERBS.campaignChange, { campaignId: 'c-1', change: 'delete' }],
    [VERBS.nudgeSnooze, { days: 3 }],
    [VERBS.postureUsersPage, { list: 'everyone', offset: 0 }],
  ])('refuses %s with forged or stale data %j with the one stale-button answer, before any store is used', async (verb, data) => {
    const { text, logs } = await press(verb, data, admin);
    expect(text).toBe(STALE_BUTTON);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'refused a card action whose data does not fit its verb', verb }));
  });

  it("checks the presser's own status again, whatever the card's data names", async () => {
    const { text } = await press(VERBS.ownStatusCheck, { userId: employee.aadObjectId }, admin);
    expect(text).toContain('Authenticator app (push)');
    expect(text).not.toContain('Text message');
  });

  it('leaves a button whose verb no route knows unanswered by the message routes', async () => {
    const chat = testChat();
    expect(await chat.send(teams.anAdaptiveCardInvoke({ verb: 'posture.delete', user: admin }))).toEqual([]);
  });
});
