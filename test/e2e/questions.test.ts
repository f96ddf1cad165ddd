import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { loadDemoConfig } from '../../src/app/config';
import { startApp } from '../../src/app/create-app';
import { databaseChoices, LogCapture } from '../support/app-harness';
import { cardLinks as sources, cardParts, teamsUser, useEndToEnd, wordsOf as text } from '../support/end-to-end';
import { STALE_BUTTON } from '../../src/adapters/bot/routes/card-actions';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 60 });
const person = demoPersonas(tenant).employee;
const employee = teamsUser(person);
const HELP_DESK = 'the IT service desk, extension 4357';

const related = (card: unknown) =>
  cardParts(card).filter((n) => n.type === 'Action.Execute' && n.verb === 'answer.show') as {
    title: string;
    verb: string;
    data: { articleId: string };
  }[];
/** The next steps offered where there is no article: the buttons that are not articles. */
const nextSteps = (card: unknown) =>
  (cardParts(card).filter((n) => n.type === 'Action.Execute' && n.verb !== 'answer.show') as { title: string; verb: string }[]).map(
    (button) => [button.title, button.verb],
  );

describe.each(databaseChoices())('questions in the chat (%s)', (database) => {
  const e2e = useEndToEnd(
    { tenant, database, app: { configure: (c) => ({ ...c, answers: { helpDeskContact: HELP_DESK } }) } },
    { installFor: [employee] },
  );
  const ask = (question: string) => e2e.onlyCardFor(employee, question);
  const press = async (articleId: unknown) => {
    const { status, body } = await e2e.harness.post(
      e2e.teams.anAdaptiveCardInvoke({ verb: 'answer.show', data: { articleId }, user: employee }),
    );
    expect(status).toBe(200);
    return JSON.parse(body) as { statusCode: number; type: string; value: unknown };
  };

  it("answers a question with the right article's card: the short answer, the steps, the source and related questions", async () => {
    const card = await ask('I lost my phone and now I cannot approve sign-ins, what do I do?');

    expect(text(card)).toContain('I lost my phone or it was stolen. What do I do about MFA?');
    expect(text(card)).toContain('contact the IT help desk');
    expect(text(card)).toContain('Steps');
    expect(sources(card).length).toBeGreaterThan(0);
    for (const url of sources(card)) expect(url).toMatch(/^https:\/\//);
    const buttons = related(card);
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    expect(buttons.length).toBeLessThanOrEqual(3);
    for (const button of buttons) expect(button.verb).toBe('answer.show');
    expect(buttons.map((b) => b.data.articleId)).not.toContain('lost-or-stolen-phone');
  });

  it('replaces the card with the related article when its button is pressed', async () => {
    const card = await ask('how do I set up the Authenticator app for my work account');
    expect(text(card)).toContain('Set up Microsoft Authenticator for your work account');
    const button = related(card)[0]!;

    const reply = await press(button.data.articleId);

    expect(reply.statusCode).toBe(200);
    expect(reply.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(text(reply.value)).not.toContain('Set up Microsoft Authenticator for your work account');
    expect(sources(reply.value).length).toBeGreaterThan(0);
    expect(related(reply.value).map((b) => b.data.articleId)).not.toContain(button.data.articleId);
    // In place: nothing new is posted in the chat.
    expect(e2e.cardsTo(employee)).toHaveLength(1);
  });

  it('says plainly it does not know an out-of-scope question, suggests help and names the help desk', async () => {
    const card = await ask('how tall is a giraffe');

    expect(text(card)).toContain("Sorry, I don't know the answer to that.");
    expect(text(card)).toContain('type **help**');
    expect(text(card)).toContain(`please ask ${HELP_DESK}.`);
    expect(related(card)).toEqual([]);
    // A next step as a button, for someone who came without knowing what to ask: their own status, or the help.
    expect(nextSteps(card)).toEqual([
      ['Am I set up?', 'status.check'],
      ['Show what I can do', 'help.show'],
    ]);
    const { status, body } = await e2e.harness.post(e2e.teams.anAdaptiveCardInvoke({ verb: 'status.check', data: {}, user: employee }));
    expect(status).toBe(200);
    expect(JSON.stringify(JSON.parse(body))).toMatch(/MFA|set up/i);
  });

  it('names the subject when a question is about one it does not cover, rather than answer with an article sharing its words', async () => {
    const card = await ask('how do I add my signature to emails I send from outlook');

    expect(text(card)).toContain('That is outside what I cover: Outlook mail and calendar features.');
    expect(text(card)).toContain(`please ask ${HELP_DESK}.`);
    expect(sources(card)).toEqual([]);
    expect(related(card)).toEqual([]);
  });

  it('offers the closest articles when it is not sure, and a pressed one replaces the card with that article', async () => {
    const card = await ask('sms');

    expect(text(card)).toContain("I'm not sure I understood. Did you mean one of these?");
    expect(sources(card)).toEqual([]);
    const choices = related(card);
    expect(choices.length).toBeGreaterThanOrEqual(2);
    for (const choice of choices) expect(choice.verb).toBe('answer.show');
    const reply = await press(choices[0]!.data.articleId);
    expect(reply.statusCode).toBe(200);
    expect(sources(reply.value).length).toBeGreaterThan(0);
    expect(e2e.cardsTo(employee)).toHaveLength(1);
  });

  it('answers a question in French from the English article, saying so in French', async () => {
    const card = await ask("J'ai un nouveau téléphone, comment je transfère Microsoft Authenticator ?");

    expect(text(card)).toContain('Mes articles sont en anglais');
    expect(text(card)).toContain('Authenticator');
    expect(text(card)).toContain('Étapes');
    expect(sources(card).length).toBeGreaterThan(0);
  });

  it('answers a greeting in kind, with no article', async () => {
    const card = await ask('hi there');

    expect(text(card)).toContain("Hello! I'm MFA Coach.");
    expect(sources(card)).toEqual([]);
    expect(related(card)).toEqual([]);
    expect(nextSteps(card).map(([, verb]) => verb)).toEqual(['status.check', 'help.show']);
  });

  it.each([['no-such-article'], ['../../etc/passwd'], ['__proto__']])(
    'answers a forged article id %j with "I don\'t know", not an error',
    async (articleId) => {
      const reply = await press(articleId);
      expect(reply.statusCode).toBe(200);
      expect(text(reply.value)).toContain("Sorry, I don't know the answer to that.");
      expect(e2e.harness.logs.lines.some((line) => line.level === 50)).toBe(false);
    },
  );

  it.each([[42], [null], ['x'.repeat(101)]])(
    "refuses a button whose article id %j is not even text of an id's length, with the one answer to stale buttons",
    async (articleId) => {
      const reply = await press(articleId);
      expect(reply.statusCode).toBe(200);
      expect(text(reply.value)).toContain(STALE_BUTTON);
      expect(e2e.harness.logs.lines).toContainEqual(
        expect.objectContaining({
          msg: 'refused a card action whose data does not fit its verb',
          verb: 'answer.show',
          fields: ['articleId'],
        }),
      );
      expect(e2e.harness.logs.lines.some((line) => line.level === 50)).toBe(false);
    },
  );

  it('answers in a channel when mentioned, in that channel, and says to mention it for help', async () => {
    const message = e2e.teams.aMessage({
      text: 'which port and server for SMTP with XOAUTH2 on Office 365?',
      user: employee,
      conversationType: 'channel',
    });
    await e2e.harness.post(message);

    const conversationId = (message.conversation as { id: string }).id;
    const [card] = e2e.connector.cards(conversationId);
    expect(text(card)).toContain('smtp.office365.com');
    expect(text(card)).toContain('587');
    expect(e2e.cardsTo(employee)).toEqual([]);

    const unknown = e2e.teams.aMessage({ text: 'can you order me a pizza', user: employee, conversationType: 'channel' });
    await e2e.harness.post(unknown);
    expect(text(e2e.connector.cards((unknown.conversation as { id: string }).id).at(-1))).toContain('@MFA Coach help');
  });

  it('leaves a channel message that does not mention it alone', async () => {
    const message = e2e.teams.aMessage({ text: 'what is mfa', user: employee, conversationType: 'channel', mentionBot: false });
    await e2e.harness.post(message);
    expect(e2e.connector.cards((message.conversation as { id: string }).id)).toEqual([]);
  });

  it('keeps commands and "am I set up?" on their own routes', async () => {
    await e2e.say(employee, 'help');
    expect(text(e2e.cardsTo(employee)[0])).toContain('What MFA Coach can do');
    expect(text(e2e.cardsTo(employee)[0])).toContain('any question');
  });
});

describe('a malformed article', () => {
  it('stops the start, naming the file and the problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-coach-knowledge-'));
    try {
      await cp(join(__dirname, '../../knowledge'), dir, { recursive: true });
      await writeFile(join(dir, 'mfa', 'broken-article.md'), '---\nid: broken-article\ntitle: Broken\n---\nNo audience.\n');
      const config = loadDemoConfig({ PORT: '0' }, { tenantId: tenant.tenantId, graphBaseUrl: 'http://127.0.0.1:9' });
      const started = startApp(
        { ...config, database: { dataDir: join(dir, 'data') } },
        { knowledgeDir: dir, logDestination: new LogCapture() },
      );
      await expect(started).rejects.toThrow(
        /cannot start: the knowledge base could not be loaded\. .*broken-article\.md: "audience" is missing or empty/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
