import { answerModelCheck } from '../../../../src/adapters/answers/answer-model-health-check';
import type { AnswerModelSettings } from '../../../../src/adapters/answers/openai-answer-writer';

const KEY = 'sk-test-key-that-must-never-show-1234567890';

function fakeFetch(answer: number | Error) {
  const asked: { url: string; headers: Record<string, string> }[] = [];
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    asked.push({ url: String(url), headers: (init?.headers ?? {}) as Record<string, string> });
    if (answer instanceof Error) throw answer;
    return new Response('{"data":[]}', { status: answer });
  }) as typeof fetch;
  return { fetchImpl, asked };
}

const openai: AnswerModelSettings = { kind: 'openai', apiKey: KEY, model: 'gpt-4o-mini' };
const azure: AnswerModelSettings = {
  kind: 'azure',
  endpoint: 'https://contoso.openai.azure.com/',
  apiKey: KEY,
  deployment: 'chat',
  apiVersion: '2024-10-21',
};

describe('answerModelCheck', () => {
  it('is ok when no model is configured, and asks nothing', async () => {
    const none = fakeFetch(200);
    expect(await answerModelCheck(undefined, none.fetchImpl).run()).toMatchObject({
      status: 'ok',
      summary: expect.stringContaining('not configured'),
    });
    expect(none.asked).toEqual([]);
  });

  it("lists the models of OpenAI's and of Azure OpenAI's endpoint, with the key in its header only", async () => {
    const up = fakeFetch(200);
    expect(await answerModelCheck(openai, up.fetchImpl).run()).toEqual({
      status: 'ok',
      summary: 'https://api.openai.com answered and took the key',
    });
    expect(await answerModelCheck(azure, up.fetchImpl).run()).toMatchObject({ status: 'ok' });
    expect(up.asked).toEqual([
      { url: 'https://api.openai.com/v1/models', headers: { Authorization: `Bearer ${KEY}` } },
      { url: 'https://contoso.openai.azure.com/openai/models?api-version=2024-10-21', headers: { 'api-key': KEY } },
    ]);
  });

  it('fails on a refused key or no answer, and never repeats the key', async () => {
    const refused = await answerModelCheck(openai, fakeFetch(401).fetchImpl).run();
    expect(refused).toMatchObject({ status: 'fail', summary: 'https://api.openai.com refused the key (401)' });
    const away = await answerModelCheck(azure, fakeFetch(new Error(`getaddrinfo ENOTFOUND ${KEY}`)).fetchImpl).run();
    expect(away).toMatchObject({ status: 'fail', summary: 'no answer from https://contoso.openai.azure.com within 5 s' });
    expect(JSON.stringify([refused, away])).not.toContain(KEY);
  });
});
