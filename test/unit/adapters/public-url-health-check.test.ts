import { publicUrlCheck } from '../../../src/adapters/public-url-health-check';

/** A fetch that answers `status` (or throws), remembering the addresses asked. */
function fakeFetch(answer: number | Error) {
  const asked: string[] = [];
  const fetchImpl = (async (url: string | URL | Request) => {
    asked.push(String(url));
    if (answer instanceof Error) throw answer;
    return new Response('{}', { status: answer });
  }) as typeof fetch;
  return { fetchImpl, asked };
}

describe('publicUrlCheck', () => {
  it('is ok when not set, saying what that means', async () => {
    expect(await publicUrlCheck(undefined, 'demo').run()).toEqual({ status: 'ok', summary: 'not set (demo)' });
    expect(await publicUrlCheck(undefined, 'production').run()).toEqual({ status: 'ok', summary: 'not set: export links are off' });
  });

  it('asks <url>/healthz and wants a 200', async () => {
    const up = fakeFetch(200);
    expect(await publicUrlCheck('https://mfa-coach.example.com/', 'production', up.fetchImpl).run()).toEqual({
      status: 'ok',
      summary: 'https://mfa-coach.example.com reaches this bot',
    });
    expect(up.asked).toEqual(['https://mfa-coach.example.com/healthz']);
    expect(await publicUrlCheck('https://mfa-coach.example.com', 'production', fakeFetch(502).fetchImpl).run()).toMatchObject({
      status: 'fail',
      summary: 'https://mfa-coach.example.com/healthz answered 502',
      impact: 'the links of export and campaign export do not open',
    });
    expect(
      await publicUrlCheck('https://mfa-coach.example.com', 'production', fakeFetch(new Error('timeout')).fetchImpl).run(),
    ).toMatchObject({
      status: 'fail',
      summary: 'https://mfa-coach.example.com/healthz did not answer within 5 s',
    });
  });

  it('refuses plain http, but only warns on this machine', async () => {
    expect(await publicUrlCheck('http://bot.example.com', 'production', fakeFetch(200).fetchImpl).run()).toMatchObject({ status: 'fail' });
    expect(await publicUrlCheck('http://127.0.0.1:3978', 'production', fakeFetch(200).fetchImpl).run()).toMatchObject({ status: 'warn' });
  });
});
