import type { Activity } from 'botbuilder';
import { allText } from '../cards/card-inspect';
import { ARTICLE, PEOPLE } from '../fake-bot-dependencies';
import { cardOf, teams, testChat } from '../test-chat';

const { employee, admin, campaignManager } = PEOPLE;
type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

/** What the bot sent back to one message, each reply as the text a person reads (a card's, or the message's). */
async function repliesTo(text: string, options: { user?: Person; conversationType?: 'personal' | 'channel' } = {}) {
  const chat = testChat();
  const replies = await chat.send(teams.aMessage({ text, user: options.user ?? employee, conversationType: options.conversationType }));
  const read = (reply: Partial<Activity>) => (reply.attachments ? allText(cardOf(reply)) : (reply.text ?? ''));
  return { read: replies.map(read), replies, audit: chat.audit };
}

const REFUSAL = 'Sorry, only administrators can use that.';

describe('what the bot answers to a message', () => {
  it('refuses an admin command from an employee with the refusal card, in personal chat and in a channel, and audits it', async () => {
    for (const where of ['personal', 'channel'] as const) {
      const { read, audit } = await repliesTo('posture', { conversationType: where });
      expect(read).toEqual([expect.stringContaining(REFUSAL)]);
      expect(read[0]).toContain('it\\-security@contoso\\.example');
      expect(audit).toEqual([expect.objectContaining({ actorId: employee.aadObjectId, action: 'posture', where, outcome: 'refused' })]);
    }
  });

  it("gives an admin the command's usage for a command typed wrong", async () => {
    const { read, audit } = await repliesTo('trend abc', { user: admin });
    expect(read).toEqual([expect.stringContaining('I didn\'t understand "trend abc"')]);
    expect(read[0]).toContain('not a number of days');
    expect(audit).toEqual([]);
  });

  it('answers an admin whose answer cannot be made with the error card and its reference, and audits the failure', async () => {
    const { read, audit } = await repliesTo('posture', { user: admin });
    expect(read).toEqual([expect.stringMatching(/Something went wrong on my side[\s\S]*\*\*[0-9A-F]{8}\*\* \(INTERNAL\)/)]);
    expect(audit).toEqual([expect.objectContaining({ action: 'posture', outcome: 'failed' })]);
  });

  it('takes "campaigns" as a campaign command: refused for an employee, its usage for a campaign manager', async () => {
    const refused = await repliesTo('campaigns');
    expect(refused.read).toEqual([expect.stringContaining(REFUSAL)]);
    expect(refused.audit).toEqual([expect.objectContaining({ action: 'campaigns', outcome: 'refused' })]);
    const usage = await repliesTo('campaign', { user: campaignManager });
    expect(usage.read).toEqual([expect.stringContaining('I didn\'t understand "campaign"')]);
  });

  it('shows the help card, which in a channel says to mention the bot first', async () => {
    const personal = await repliesTo('/help');
    expect(personal.read).toEqual([expect.stringContaining('What MFA Coach can do')]);
    expect(personal.read[0]).not.toContain('mention me first');
    expect((await repliesTo('help', { conversationType: 'channel' })).read).toEqual([expect.stringContaining('mention me first')]);
  });

  it('answers "am I set up?" with the asker\'s own status, and in a channel only says where it would go', async () => {
    const { read } = await repliesTo('am I set up?');
    expect(read).toEqual([expect.stringContaining('Your MFA status')]);
    expect(read[0]).toContain('Text message');
    const inChannel = await repliesTo('am I set up?', { conversationType: 'channel' });
    expect(inChannel.read).toEqual([
      expect.stringContaining("Your MFA status is yours alone, so I only show it in a private chat, and we don't have one yet"),
    ]);
  });

  it('answers a question with the article, in personal chat and in the channel it was asked in', async () => {
    for (const where of ['personal', 'channel'] as const) {
      const { read } = await repliesTo('how do I set up the authenticator app', { conversationType: where });
      expect(read).toEqual([expect.stringContaining(ARTICLE.title)]);
      expect(read[0]).toContain(ARTICLE.shortAnswer);
    }
  });

  it('answers a greeting in kind', async () => {
    expect((await repliesTo('hi')).read).toEqual([expect.stringContaining("Hello! I'm MFA Coach")]);
  });

  it('keeps text that a command or "am I set up?" takes away from the article search', async () => {
    expect((await repliesTo('help me set up the authenticator app')).read).toEqual([expect.stringContaining('What MFA Coach can do')]);
    expect((await repliesTo('status')).read).toEqual([expect.stringContaining('Your MFA status')]);
    expect((await repliesTo("user can't sign in")).read).toEqual([expect.stringContaining(REFUSAL)]);
  });

  it('says it is not sure what an empty message means', async () => {
    const { read, replies } = await repliesTo('');
    expect(read).toEqual(["I'm not sure what you mean. Type **help** to see what I can do."]);
    expect(replies[0]!.attachments).toBeUndefined();
  });

  it('leaves a channel message that does not mention the bot alone: no card, and no words either', async () => {
    const chat = testChat();
    const unmentioned = teams.aMessage({ text: 'what is mfa', user: employee, conversationType: 'channel', mentionBot: false });
    expect(await chat.send(unmentioned)).toEqual([]);
  });
});
