import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat completion request as the test server received it. */
export interface ChatRequest {
  path: string;
  /** The Azure deployment from /openai/deployments/{d}/chat/completions; undefined for OpenAI's path. */
  deployment?: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: { model?: string; messages?: { role: string; content: string }[]; [key: string]: unknown };
  /** Set once the client closed the connection before any answer was sent: it gave up waiting. */
  gaveUp?: boolean;
}

/** How the server answers: a status and JSON body, after an optional delay (a slow model, on purpose). */
export interface ChatReply {
  status?: number;
  body?: unknown;
  delayMs?: number;
}

export interface OpenAITestServer {
  /** http://127.0.0.1:<port>: the OpenAI base URL (POST /chat/completions) and the Azure endpoint alike. */
  url: string;
  requests: ChatRequest[];
  /** What the next requests get (default: a 200 with `chatCompletion('{}')`). */
  reply(handler: (request: ChatRequest) => ChatReply): void;
  close(): Promise<void>;
}

/** A chat completion whose message content is `content`, as OpenAI and Azure OpenAI return it. */
export function chatCompletion(content: string): object {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

/** Not chained: restify, loaded in the same process by the app, changes what writeHead returns. */
function respond(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The text of every message a request sent, joined: what the model was shown. */
export function promptText(request: ChatRequest): string {
  return (request.body.messages ?? []).map((message) => message.content).join('\n');
}

/**
 * A local stand-in for the OpenAI chat completions API (POST /chat/completions) and Azure OpenAI's
 * (POST /openai/deployments/{deployment}/chat/completions), on 127.0.0.1. It records what it received.
 */
export async function startOpenAITestServer(): Promise<OpenAITestServer> {
  const requests: ChatRequest[] = [];
  let handler: (request: ChatRequest) => ChatReply = () => ({ body: chatCompletion('{}') });
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const azure = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(url.pathname);
      if (req.method !== 'POST' || !(azure || url.pathname === '/chat/completions')) {
        respond(res, 404, { error: { message: 'not found' } });
        return;
      }
      let body: ChatRequest['body'];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest['body'];
      } catch {
        respond(res, 400, { error: { message: 'invalid JSON' } });
        return;
      }
      const request: ChatRequest = {
        path: url.pathname,
        ...(azure ? { deployment: decodeURIComponent(azure[1]!) } : {}),
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      requests.push(request);
      res.on('close', () => {
        if (!res.writableEnded) request.gaveUp = true;
      });
      const { status = 200, body: replyBody = chatCompletion('{}'), delayMs = 0 } = handler(request);
      const send = () => {
        if (!res.writableEnded && !res.destroyed) respond(res, status, replyBody);
      };
      if (delayMs <= 0) send();
      else {
        // The delay is the fault under test (a slow model), not a wait of the test's own.
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, delayMs);
        timers.add(timer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply(next) {
      handler = next;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
