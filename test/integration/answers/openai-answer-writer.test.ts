import { OpenAIAnswerWriter } from '../../../src/adapters/answers/openai-answer-writer';
import type { Article } from '../../../src/domain/guidance/article';
import type { AnswerWriter } from '../../../src/domain/ports/answer-writer';
import type { Answer } from '../../../src/use-cases/answer-question';
import { writeAnswer, type WriteFallbackReason } from '../../../src/use-cases/write-answer';
import { eventually } from '../../support/eventually';
import { chatCompletion, promptText, startOpenAITestServer, type OpenAITestServer } from '../../support/openai-test-server';

const article = (id: string, over: Partial<Article> = {}): Article => ({
  id,
  title: `Title of ${id}`,
  audience: 'employee',
  tags: [],
  questions: [`question about ${id}`],
  sources: [`https://learn.microsoft.com/${id}`],
  shortAnswer: `Short answer of ${id}.`,
  steps: [`First step of ${id}.`, `Second step of ${id}.`],
  goodToKnow: [`Good to know of ${id}.`],
  ...over,
});
const top = article('lost-phone');
const related = [article('change-methods'), article('new-phone')];
const elsewhere = article('smtp-oauth');
const found: Answer = { kind: 'answer', article: top, related, goodToKnow: [] };
const QUESTION = 'I lost my phone, what now?';
const API_KEY = 'sk-test-do-not-log-0123456789';

describe('OpenAIAnswerWriter against a local OpenAI-compatible server', () => {
  let server: OpenAITestServer;
  let consoleLog: jest.SpyInstance;
  const fallbacks: { reason: WriteFallbackReason; detail?: string }[] = [];
  const openAi = (timeoutMs = 5000) =>
    new OpenAIAnswerWriter({ kind: 'openai', apiKey: API_KEY, model: 'test-model', baseUrl: server.url }, { timeoutMs });
  const write = (writer: AnswerWriter, timeoutMs = 5000) =>
    writeAnswer(found, QUESTION, writer, {
      timeoutMs,
      onFallback: (reason, detail) => fallbacks.push({ reason, ...(detail ? { detail } : {}) }),
    });

  beforeAll(async () => {
    server = await startOpenAITestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    fallbacks.length = 0;
    // teams-ai's OpenAIModel prints failed calls to the console itself; the tests check what it prints.
    consoleLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    const printed = JSON.stringify(consoleLog.mock.calls.map((call) => call.map(String)));
    expect(printed).not.toContain(API_KEY);
    expect(printed).not.toContain('echoed');
    consoleLog.mockRestore();
  });

  it('writes an answer from the given articles only, citing them, and sends only those articles', async () => {
    server.reply(() => ({
      body: chatCompletion(
        '```json\n{"answer": "Sign in another way, then remove the phone.", "citedArticleIds": ["lost-phone", "new-phone"]}\n```',
      ),
    }));

    const answer = await write(openAi());

    expect(answer.kind === 'answer' && answer.written).toEqual({
      text: 'Sign in another way, then remove the phone.',
      cited: [top, related[1]],
    });
    expect(fallbacks).toEqual([]);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.path).toBe('/chat/completions');
    expect(request!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request!.body.model).toBe('test-model');
    expect(request!.body.messages![0]!.role).toBe('system');
    const prompt = promptText(request!);
    for (const given of [top, ...related]) {
      for (const part of [given.id, given.title, given.shortAnswer, ...given.steps, ...given.goodToKnow, ...given.sources])
        expect(prompt).toContain(part);
    }
    expect(prompt).toContain(QUESTION);
    expect(prompt).toMatch(/only from the articles/i);
    expect(prompt).toMatch(/don't know/);
    for (const part of [elsewhere.id, elsewhere.title, elsewhere.shortAnswer]) expect(prompt).not.toContain(part);
    // Only what the prompt should carry: not the retrieval words (tags, the ways people ask).
    for (const part of [...top.tags, ...top.questions]) expect(prompt).not.toContain(part);
  });

  it('keeps only the cited ids among the articles given', async () => {
    server.reply(() => ({
      body: chatCompletion('{"answer": "Remove it.", "citedArticleIds": ["smtp-oauth", "change-methods", "change-methods"]}'),
    }));
    expect(await openAi().write(QUESTION, [top, ...related])).toEqual({ text: 'Remove it.', citedArticleIds: ['change-methods'] });
  });

  it.each([
    ['cites only an article it was not given', '{"answer": "Use port 587.", "citedArticleIds": ["smtp-oauth"]}'],
    ['cites nothing', '{"answer": "Remove the phone.", "citedArticleIds": []}'],
    ['says it does not know', '{"answer": "", "citedArticleIds": []}'],
    ['answers in prose, not JSON', 'Remove the phone from Security info.'],
  ])('falls back to the article when the model %s', async (_case, content) => {
    server.reply(() => ({ body: chatCompletion(content) }));
    const answer = await write(openAi());
    expect(answer).toEqual(found);
    expect(fallbacks.map((f) => f.reason)).toEqual(['invalid']);
  });

  it("falls back on a server error, and keeps the server's words out of the reason", async () => {
    server.reply(() => ({ status: 500, body: { error: { message: `echoed ${API_KEY} and ${QUESTION}` } } }));
    const answer = await write(openAi());
    expect(answer).toEqual(found);
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0]!.reason).toBe('failed');
    expect(fallbacks[0]!.detail).toMatch(/500/);
    expect(fallbacks[0]!.detail).not.toContain('echoed');
    expect(fallbacks[0]!.detail).not.toContain(API_KEY);
    expect(server.requests).toHaveLength(1);
  });

  it('falls back when the model is too slow', async () => {
    server.reply(() => ({ delayMs: 3000, body: chatCompletion('{"answer": "Late.", "citedArticleIds": ["lost-phone"]}') }));
    const writer = openAi(600);
    let requestEnded: string | undefined;
    const watched: AnswerWriter = {
      write(question, articles) {
        const written = writer.write(question, articles);
        written.then(
          () => (requestEnded = 'answered'),
          (error: unknown) => (requestEnded = String(error)),
        );
        return written;
      },
    };
    const started = Date.now();
    const answer = await write(watched, 300);
    expect(answer).toEqual(found);
    expect(fallbacks.map((f) => f.reason)).toEqual(['timeout']);
    expect(Date.now() - started).toBeLessThan(2000);
    // The request itself ends at the writer's own timeout, not with the server's slow reply.
    expect(await eventually("the writer's own request has ended", () => requestEnded)).toMatch(/no answer/);
    await eventually('the server saw the writer give up before it answered', () => server.requests[0]?.gaveUp);
  });

  it('gives up at its own request timeout too', async () => {
    server.reply(() => ({ delayMs: 3000, body: chatCompletion('{}') }));
    await expect(openAi(200).write(QUESTION, [top])).rejects.toThrow(/no answer/);
  });

  it('never asks the model without articles', async () => {
    expect(await writeAnswer({ kind: 'unknown' }, QUESTION, openAi(), { timeoutMs: 1000 })).toEqual({ kind: 'unknown' });
    expect(await openAi().write(QUESTION, [])).toBeUndefined();
    expect(server.requests).toEqual([]);
  });

  it('calls an Azure OpenAI deployment with its key and API version', async () => {
    // teams-ai only accepts an https Azure endpoint; the test's transport takes it to the local http server.
    const httpsEndpoint = server.url.replace('http://', 'https://');
    const toLocal: typeof fetch = (input, init) =>
      fetch(String(input instanceof Request ? input.url : input).replace(httpsEndpoint, server.url), init);
    const writer = new OpenAIAnswerWriter(
      { kind: 'azure', endpoint: httpsEndpoint, apiKey: API_KEY, deployment: 'mfa-gpt', apiVersion: '2024-10-21' },
      { timeoutMs: 5000, fetch: toLocal },
    );
    server.reply(() => ({ body: chatCompletion('{"answer": "Sign in another way.", "citedArticleIds": ["lost-phone"]}') }));

    expect(await writer.write(QUESTION, [top])).toEqual({ text: 'Sign in another way.', citedArticleIds: ['lost-phone'] });

    const [request] = server.requests;
    expect(request!.path).toBe('/openai/deployments/mfa-gpt/chat/completions');
    expect(request!.deployment).toBe('mfa-gpt');
    expect(request!.query.get('api-version')).toBe('2024-10-21');
    expect(request!.headers['api-key']).toBe(API_KEY);
    expect(promptText(request!)).toContain(top.shortAnswer);
    expect(promptText(request!)).not.toContain(related[0]!.shortAnswer);
  });
});
