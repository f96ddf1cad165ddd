import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import type { TeamsBot } from '../../../src/adapters/bot/teams-bot';
import type { ActivityRequestLimits } from '../../../src/app/activity-request';
import { createHttpServer, type HttpServer } from '../../../src/app/server';
import { LogCapture } from '../../support/app-harness';

/**
 * `POST /api/messages` as the internet sees it: every refusal comes before the body is read (or as soon as it
 * is over the cap), says why in one log line, and never reaches the bot. The bot here records what reaches it.
 */
const message = {
  type: 'message',
  id: 'a1',
  text: 'help',
  serviceUrl: 'http://127.0.0.1:9/',
  channelId: 'msteams',
  conversation: { id: 'c1' },
  from: { id: 'u1' },
  recipient: { id: 'b1' },
};

interface Answer {
  status: number;
  body: string;
}

/** A raw request: headers as given, the body written in chunks (or not at all), so nothing is normalised. */
function raw(
  url: string,
  options: { headers: Record<string, string | number>; chunks?: Buffer[]; endBody?: boolean; trickleMs?: number },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/messages`, { method: 'POST', headers: options.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString() }));
    });
    // The server may close the connection while we still write: that is the point, not a failure.
    req.on('error', (error) => (/EPIPE|ECONNRESET/.test(String((error as NodeJS.ErrnoException).code)) ? undefined : reject(error)));
    const chunks = options.chunks ?? [];
    const writeNext = (i: number) => {
      if (i >= chunks.length) {
        if (options.endBody !== false) req.end();
        return;
      }
      if (req.destroyed) return;
      req.write(chunks[i]!);
      // A slow sender, on purpose: the fault the read deadline is tested against, not a wait of the test's own.
      if (options.trickleMs) setTimeout(() => writeNext(i + 1), options.trickleMs);
      else writeNext(i + 1);
    };
    req.flushHeaders();
    writeNext(0);
  });
}

describe('POST /api/messages refuses early and cheaply', () => {
  let server: HttpServer;
  let url: string;
  let logs: LogCapture;
  const reached: unknown[] = [];
  const bot = {
    adapter: undefined,
    handleTurn: async () => undefined,
    process: async (authorization: string, activity: unknown) => {
      reached.push(activity);
      return authorization === 'Bearer refused'
        ? { status: 401 as const, refused: 'Unauthorized. Invalid AppId passed on token' }
        : { status: 200 };
    },
  } as unknown as TeamsBot;

  async function start(requireBearer: boolean, limits: Partial<ActivityRequestLimits> = {}) {
    logs = new LogCapture();
    server = createHttpServer(pino({ level: 'info' }, logs), {
      activityLimits: { requireBearer, readTimeoutMs: 500, lingerMs: 500, ...limits },
    });
    ({ url } = await server.listen('127.0.0.1', 0));
    server.open({ bot, readiness: { database: async () => true, jobs: async () => true } });
  }

  afterEach(async () => {
    await server?.close();
    reached.length = 0;
  });

  const refusals = () => logs.lines.filter((line) => line.msg === 'refused a request to /api/messages');

  describe('in demo mode', () => {
    beforeEach(() => start(false));

    it('takes a plain JSON activity', async () => {
      const answer = await raw(url, {
        headers: { 'content-type': 'application/json; charset=utf-8' },
        chunks: [Buffer.from(JSON.stringify(message))],
      });
      expect(answer.status).toBe(200);
      expect(reached).toEqual([expect.objectContaining({ type: 'message', text: 'help' })]);
    });

    it('refuses a gzip body with 415 without inflating it', async () => {
      // 200 MB of zeros in about 200 KB: inflated, it would be the memory attack the issue measured.
      const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 });
      const answer = await raw(url, {
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length },
        chunks: [bomb],
      });
      expect(answer.status).toBe(415);
      expect(reached).toHaveLength(0);
      expect(refusals()).toEqual([expect.objectContaining({ status: 415, reason: 'compressed bodies are not accepted' })]);
    });

    it('refuses deflate and br as well; identity is no compression', async () => {
      for (const encoding of ['deflate', 'br', 'GZIP', 'x-gzip']) {
        const answer = await raw(url, {
          headers: { 'content-type': 'application/json', 'content-encoding': encoding },
          chunks: [Buffer.from('{}')],
        });
        expect(answer.status).toBe(415);
      }
      const plain = await raw(url, {
        headers: { 'content-type': 'application/json', 'content-encoding': 'identity' },
        chunks: [Buffer.from(JSON.stringify(message))],
      });
      expect(plain.status).toBe(200);
    });

    it('refuses a multipart upload with 415, and the uploader, still sending, gets the answer', async () => {
      const boundary = '----mfa';
      const part = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      );
      const file = Array.from({ length: 20 }, () => Buffer.alloc(1024 * 1024, 1));
      const answer = await raw(url, {
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': part.length + 20 * 1024 * 1024 },
        chunks: [part, ...file],
      });
      expect(answer.status).toBe(415);
      expect(reached).toHaveLength(0);
    });

    it('cuts off a refused client that goes on sending past the discard limit', async () => {
      await server.close();
      await start(false, { lingerBytes: 1024 * 1024, lingerMs: 60_000 });
      const chunk = Buffer.alloc(256 * 1024, 1);
      let sent = 0;
      const cut = await new Promise<string>((resolve) => {
        const req = request(
          `${url}/api/messages`,
          { method: 'POST', headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' } },
          (res) => res.resume(),
        );
        req.on('error', (error) => resolve(String((error as NodeJS.ErrnoException).code)));
        req.on('close', () => resolve('closed'));
        const pump = () => {
          while (!req.destroyed && sent < 200 * chunk.length && req.write(chunk)) sent += chunk.length;
          if (!req.destroyed && sent < 200 * chunk.length)
            req.once('drain', () => {
              sent += chunk.length;
              pump();
            });
        };
        pump();
      });
      expect(['ECONNRESET', 'EPIPE', 'closed']).toContain(cut);
      expect(sent).toBeLessThan(200 * chunk.length);
    });

    it('refuses any content type but JSON with 415', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', '']) {
        const headers: Record<string, string> = type ? { 'content-type': type } : {};
        const answer = await raw(url, { headers, chunks: [Buffer.from(JSON.stringify(message))] });
        expect(answer.status).toBe(415);
      }
      expect(reached).toHaveLength(0);
    });

    it('answers 413 at once to a Content-Length over 256 KiB, without waiting for the body', async () => {
      const answer = await raw(url, {
        headers: { 'content-type': 'application/json', 'content-length': 5 * 1024 * 1024 },
        chunks: [Buffer.from('{"type":"message","text":"')],
        endBody: false,
      });
      expect(answer.status).toBe(413);
      expect(reached).toHaveLength(0);
    });

    it('counts the bytes of a chunked body and answers 413 once it passes the cap', async () => {
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const chunks = [Buffer.from('{"type":"message","text":"'), ...Array.from({ length: 80 }, () => chunk)];
      const answer = await raw(url, { headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks });
      expect(answer.status).toBe(413);
      expect(reached).toHaveLength(0);
    });

    it('takes a body just under the cap', async () => {
      const padded = { ...message, text: 'a'.repeat(250 * 1024) };
      const answer = await raw(url, { headers: { 'content-type': 'application/json' }, chunks: [Buffer.from(JSON.stringify(padded))] });
      expect(answer.status).toBe(200);
    });

    it('answers 408 to a body that trickles in past the read deadline', async () => {
      const chunks = Array.from({ length: 40 }, () => Buffer.from(' '));
      const answer = await raw(url, { headers: { 'content-type': 'application/json' }, chunks, trickleMs: 50 });
      expect(answer.status).toBe(408);
      expect(reached).toHaveLength(0);
    });

    it('answers 400, never 500, to malformed JSON and to JSON that is not an activity', async () => {
      const bodies = [
        '{',
        '{"type":',
        'null',
        '[]',
        '"message"',
        '42',
        '{}',
        '{"type":5}',
        '{"type":""}',
        '{"type":"message","timestamp":"not a date"}',
        '{"type":"message","conversation":"c1"}',
        '{"type":"message","from":[]}',
        '{"type":"message","entities":{}}',
        '{"type":"message","membersAdded":[1]}',
        '\u00ff\u00fe',
        '{"type":"message"}garbage',
      ];
      for (const body of bodies) {
        const answer = await raw(url, { headers: { 'content-type': 'application/json' }, chunks: [Buffer.from(body)] });
        expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      }
      const notUtf8 = await raw(url, { headers: { 'content-type': 'application/json' }, chunks: [Buffer.from([0x7b, 0xc3, 0x28, 0x7d])] });
      expect(notUtf8.status).toBe(400);
      expect(reached).toHaveLength(0);
    });

    it('survives a fuzz of 400 hostile requests with no 500 and loses no valid one', async () => {
      // A small deterministic generator: mutations of a valid activity, cut-offs, wrong types, odd headers.
      let seed = 15;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
      const values = [null, 0, -1, 1e308, '', 'x', [], {}, [1, 2], { id: 5 }, true, '\u0000', 'a'.repeat(3000)];
      const fields = [
        'type',
        'id',
        'serviceUrl',
        'channelId',
        'conversation',
        'from',
        'recipient',
        'text',
        'timestamp',
        'localTimestamp',
        'channelData',
        'entities',
        'attachments',
        'membersAdded',
        'value',
      ];
      let valid = 0;
      for (let i = 0; i < 400; i++) {
        const mutated: Record<string, unknown> = JSON.parse(JSON.stringify(message));
        const kind = Math.floor(random() * 4);
        if (kind === 0) mutated[pick(fields)] = pick(values);
        if (kind === 1) delete mutated[pick(fields)];
        let body = JSON.stringify(mutated);
        if (kind === 2) body = body.slice(0, Math.floor(random() * body.length));
        const headers: Record<string, string> = {
          'content-type': pick(['application/json', 'application/json; charset=utf-8', 'text/json', 'APPLICATION/JSON']),
        };
        const answer = await raw(url, { headers, chunks: [Buffer.from(body)] });
        expect(answer.status).not.toBe(500);
        if (answer.status === 200) valid++;
      }
      expect(valid).toBe(reached.length);
      expect(valid).toBeGreaterThan(0);
    });
  });

  describe('in production', () => {
    beforeEach(() => start(true));

    it('answers 401 to a request without a Bearer header before reading its body', async () => {
      const answer = await raw(url, {
        headers: { 'content-type': 'application/json', 'content-length': 100_000 },
        chunks: [Buffer.from('{')],
        endBody: false,
      });
      expect(answer.status).toBe(401);
      expect(reached).toHaveLength(0);
      for (const authorization of ['Basic abc', 'Bearer', 'Bearer ']) {
        const again = await raw(url, {
          headers: { 'content-type': 'application/json', authorization },
          chunks: [Buffer.from(JSON.stringify(message))],
        });
        expect(again.status).toBe(401);
      }
      expect(refusals()).toHaveLength(4);
      expect(JSON.stringify(logs.lines)).not.toContain('abc');
    });

    it('refuses a token the adapter refuses with 401 and one log line, no stack', async () => {
      const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const answer = await raw(url, {
          headers: { 'content-type': 'application/json', authorization: 'Bearer refused' },
          chunks: [Buffer.from(JSON.stringify(message))],
        });
        expect(answer.status).toBe(401);
        expect(JSON.parse(answer.body)).toEqual({ error: 'unauthorized' });
        expect(refusals()).toEqual([expect.objectContaining({ status: 401, reason: expect.stringContaining('Invalid AppId') })]);
        expect(JSON.stringify(refusals())).not.toMatch(/\bat \w+ \(/);
        expect(errors).not.toHaveBeenCalled();
      } finally {
        errors.mockRestore();
      }
    });
  });
});

describe('while the app is being wired (the server listens first, so the app knows its address)', () => {
  let server: HttpServer;
  let url: string;
  const reached: unknown[] = [];
  const bot = {
    process: async (_authorization: string, activity: unknown) => {
      reached.push(activity);
      return { status: 200 };
    },
  } as unknown as TeamsBot;

  beforeEach(async () => {
    server = createHttpServer(pino({ level: 'silent' }));
    ({ url } = await server.listen('127.0.0.1', 0));
  });
  afterEach(() => server.close());

  it('says it is alive but not ready, answers 503 with Retry-After, and lets nothing reach a half-wired bot', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'starting' });
    const turn = await raw(url, { headers: { 'content-type': 'application/json' }, chunks: [Buffer.from(JSON.stringify(message))] });
    expect(turn.status).toBe(503);
    expect(JSON.parse(turn.body)).toEqual({ error: 'starting' });
    const link = await fetch(`${url}/exports/${'a'.repeat(32)}`);
    expect(link.status).toBe(503);
    expect(link.headers.get('retry-after')).toBe('5');
    expect(reached).toHaveLength(0);
  });

  it('takes turns and answers ready once opened', async () => {
    server.open({ bot, readiness: { database: async () => true, jobs: async () => true } });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const turn = await raw(url, { headers: { 'content-type': 'application/json' }, chunks: [Buffer.from(JSON.stringify(message))] });
    expect(turn.status).toBe(200);
    expect(reached).toHaveLength(1);
  });
});
