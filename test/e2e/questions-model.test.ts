import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { cardLinks as sources, startEndToEnd, teamsUser, useEndToEnd, wordsOf as text } from '../support/end-to-end';
import { chatCompletion, promptText, startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 60 });
const person = demoPersonas(tenant).employee;
const employee = teamsUser(person);
const API_KEY = 'sk-e2e-never-logged-42';
const QUESTION = 'I lost my phone and now I cannot approve sign-ins, what do I do?';
const WRITTEN = 'Sign in with another method you registered, then remove the lost phone from your security info page.';

/** The article ids the prompt gave the model, in order. */
const givenIds = (prompt: string) => [...prompt.matchAll(/^Article id: (.+)$/gm)].map((m) => m[1]!);

describe('questions in the chat, with model answers on', () => {
  let model: OpenAITestServer;
  // The model's test server starts before the bot and closes after it.
  beforeAll(async () => {
    model = await startOpenAITestServer();
  });
  const e2e = useEndToEnd(
    () =>
      startEndToEnd({
        tenant,
        database: 'pglite',
        app: {
          configure: (c) => ({
            ...c,
            answers: { ...c.answers, model: { kind: 'openai', apiKey: API_KEY, model: 'test-model', baseUrl: model.url } },
          }),
          overrides: { answerWriterTimeoutMs: 1500 },
        },
      }),
    { installFor: [employee] },
  );
  afterAll(() => model?.close());
  const ask = (question: string) => e2e.onlyCardFor(employee, question);

  beforeEach(() => {
    model.requests.length = 0;
    e2e.harness.logs.lines.length = 0;
  });

  it('answers with the written text, cites the article, links its sources and says AI wrote it from the article', async () => {
    model.reply((request) => ({
      body: chatCompletion(JSON.stringify({ answer: WRITTEN, citedArticleIds: [givenIds(promptText(request))[0]] })),
    }));

    const card = await ask(QUESTION);

    expect(model.requests).toHaveLength(1);
    const prompt = promptText(model.requests[0]!);
    const ids = givenIds(prompt);
    expect(ids[0]).toBe('lost-or-stolen-phone');
    expect(ids.length).toBeLessThanOrEqual(4);
    expect(prompt).toContain('I lost my phone or it was stolen. What do I do about MFA?');
    expect(prompt).toContain(QUESTION);
    // Only the articles retrieved: not the SMTP one.
    expect(ids).not.toContain('xoauth2-smtp-office365-587-starttls');
    expect(prompt).not.toMatch(/smtp\.office365\.com/);
    expect(model.requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);

    expect(text(card)).toContain(WRITTEN);
    expect(text(card)).toContain('Written by AI from this article of ours only');
    expect(text(card)).toContain('I lost my phone or it was stolen. What do I do about MFA?');
    expect(sources(card).length).toBeGreaterThan(0);
    for (const url of sources(card)) expect(url).toMatch(/^https:\/\//);
    expect(text(card)).not.toContain('Summarised in our own words');

    expect(e2e.harness.logs.text()).not.toContain(API_KEY);
    expect(e2e.harness.logs.text()).not.toContain('cannot approve');
  });

  it("falls back to the article's own card when the model fails, and logs a warning without the question", async () => {
    model.reply(() => ({ status: 500, body: { error: { message: 'overloaded' } } }));
    const consoleLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const card = await ask(QUESTION);

      expect(text(card)).toContain('I lost my phone or it was stolen. What do I do about MFA?');
      expect(text(card)).toContain('Steps');
      expect(text(card)).toContain('Summarised in our own words');
      expect(text(card)).not.toContain('Written by AI');
      const warning = e2e.harness.logs.lines.find((line) => line.level === 40);
      expect(warning).toMatchObject({ reason: 'failed', article: 'lost-or-stolen-phone' });
      expect(e2e.harness.logs.text()).not.toContain('cannot approve');
      expect(e2e.harness.logs.text()).not.toContain(API_KEY);
    } finally {
      consoleLog.mockRestore();
    }
  });

  it('falls back when the model cites an article it was not given', async () => {
    model.reply(() => ({
      body: chatCompletion(JSON.stringify({ answer: 'Use port 587.', citedArticleIds: ['xoauth2-smtp-office365-587-starttls'] })),
    }));

    const card = await ask(QUESTION);

    expect(text(card)).toContain('Summarised in our own words');
    expect(text(card)).not.toContain('Use port 587');
    expect(e2e.harness.logs.lines.find((line) => line.level === 40)).toMatchObject({ reason: 'invalid' });
  });

  it('says it does not know an out-of-scope question without asking the model', async () => {
    const card = await ask('how tall is a giraffe');

    expect(text(card)).toContain("Sorry, I don't know the answer to that.");
    expect(model.requests).toEqual([]);
  });
});
