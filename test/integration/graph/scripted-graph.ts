import { Client, RetryHandler, RetryHandlerOptions, type Context, type Middleware } from '@microsoft/microsoft-graph-client';

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A Graph client whose last middleware answers from a script instead of the network, so retry timing can be
 * checked exactly with a virtual clock. Records each request's URL and headers. Like the app's client, it has
 * the SDK's RetryHandler in front (no delay, 3 retries), so a test sees any retry that escapes the caller.
 */
export function scriptedGraph(answers: (ScriptedAnswer | 'network-error' | 'hang')[]): {
  client: Client;
  requests: { url: string; headers: Record<string, string> }[];
} {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const script = [...answers];
  const answerer: Middleware = {
    async execute(context: Context): Promise<void> {
      requests.push({ url: String(context.request), headers: { ...(context.options?.headers as Record<string, string> | undefined) } });
      const next = script.shift() ?? { status: 500, body: { error: { code: 'scriptEnded', message: 'no more scripted answers' } } };
      if (next === 'network-error') throw new TypeError('fetch failed');
      if (next === 'hang') {
        // Never answers; only the request's abort signal (its timeout) ends the wait, as with fetch.
        const signal = (context.options as { signal?: AbortSignal } | undefined)?.signal;
        await new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
        return;
      }
      context.response = new Response(next.body === undefined ? null : JSON.stringify(next.body), {
        status: next.status,
        headers: { 'Content-Type': 'application/json', ...(next.headers ?? {}) },
      });
    },
  };
  const client = Client.initWithMiddleware({
    baseUrl: 'https://graph.example',
    defaultVersion: 'v1.0',
    middleware: [new RetryHandler(new RetryHandlerOptions(0, 3)), answerer],
  });
  return { client, requests };
}
