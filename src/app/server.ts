import * as restify from 'restify';
import type { Logger } from 'pino';
import type { Activity } from 'botbuilder';
import type { TeamsBot } from '../adapters/bot/teams-bot';
import { DEFAULT_ACTIVITY_REQUEST_LIMITS, readActivity, type ActivityRequestLimits, type Refusal } from './activity-request';

export interface Readiness {
  database(): Promise<boolean>;
  jobs(): Promise<boolean>;
  /** The campaign delivery loop's watchdog: unhealthy while the loop makes no progress. */
  delivery?(): { healthy: boolean; idleForMs: number; restarts: number };
}

export interface HttpServer {
  listen(host: string, port: number): Promise<{ port: number; url: string }>;
  /** Stops taking turns (503 + Retry-After) and waits for the running ones, up to the timeout. */
  drain(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * One-time downloads (exports), by the secret token of their link: `peek` looks without using the link up,
 * `collect` hands the file over once.
 */
export interface DownloadSource {
  peek(token: string): Promise<{ fileName: string } | undefined>;
  collect(token: string): Promise<{ fileName: string; content: string } | undefined>;
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** The pages a download link opens, plain HTML with no script: headers that keep them from being framed or sniffed. */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function page(heading: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>MFA Coach export</title><style>body{font-family:system-ui,sans-serif;margin:3rem auto;max-width:32rem;padding:0 1rem}
button{font-size:1rem;padding:.6rem 1.2rem}</style></head><body><h1>${heading}</h1>
${body}</body></html>`;
}

/** The page a download link opens: a button that downloads. A GET never uses the link up. */
function landingPage(fileName: string): string {
  const name = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return page('Your export is ready', `<p>${name}. The link works once: it is used up when you press the button, and it expires 15 minutes after it was made.</p>
<form method="post"><button type="submit">Download ${name}</button></form>`);
}

/** A link used up, expired or never issued: the same page for each, so a guess learns nothing. */
const GONE_PAGE = page('This link no longer works', `<p>Each export link works once, for 15 minutes, and this one was already used or has expired.</p>
<p>Ask MFA Coach in Teams for the export again: <b>export</b>, or <b>campaign export</b> with the campaign's number.</p>`);

export interface HttpServerOptions {
  downloads?: DownloadSource;
  /** Limits on `POST /api/messages` (production sets requireBearer). */
  activityLimits?: Partial<ActivityRequestLimits>;
}

export function createHttpServer(bot: TeamsBot, readiness: Readiness, logger: Logger, options: HttpServerOptions = {}): HttpServer {
  const { downloads } = options;
  const limits: ActivityRequestLimits = { ...DEFAULT_ACTIVITY_REQUEST_LIMITS, ...options.activityLimits };
  // No body parser at all: no route but /api/messages takes a body, and that one reads its own under limits
  // (restify's parser inflates gzip, has no size cap, and writes multipart uploads to disk).
  const server = restify.createServer({ name: 'mfa-coach', handleUncaughtExceptions: false });
  let draining = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;

  server.post('/api/messages', async (req, res) => {
    if (draining) {
      res.header('Retry-After', '5');
      res.send(503, { error: 'shutting down' });
      return;
    }
    inFlight++;
    try {
      const read = await readActivity(req, limits);
      if (!read.ok) {
        refuse(req, res, read);
        return;
      }
      const turn = await bot.process(String(req.headers.authorization ?? ''), read.activity as unknown as Activity); // its shape checked by readActivity
      if ('refused' in turn) {
        refuse(req, res, { status: 401, reason: `the token was refused: ${turn.refused}` });
        return;
      }
      if (turn.body === undefined) res.send(turn.status);
      else res.send(turn.status, turn.body);
    } catch (error) {
      logger.error({ err: { message: (error as Error).message } }, 'request failed outside a turn');
      if (!res.headersSent) res.send(500);
    } finally {
      inFlight--;
      if (inFlight === 0) drained?.();
    }
  });

  /**
   * One log line per refusal (no stack). The rest of the body is then read and thrown away, nothing kept, for a
   * short while: closing a socket with unread data makes the kernel send a reset, and the client would lose the
   * answer it was sent (nginx's "lingering close"). A body still arriving past the byte or time limit is cut off.
   */
  function refuse(req: restify.Request, res: restify.Response, refusal: Refusal) {
    logger.warn({ status: refusal.status, reason: refusal.reason, remote: req.socket.remoteAddress }, 'refused a request to /api/messages');
    // Why a token was refused is for the operator's log, not for whoever sent it.
    const answer = { error: refusal.status === 401 ? 'unauthorized' : refusal.reason };
    if (req.complete) {
      // The whole body was read (a refused token, a malformed activity): the connection is clean and may be reused.
      res.send(refusal.status, answer);
      return;
    }
    let discarded = 0;
    const cutOff = () => req.socket.destroy();
    const timer = setTimeout(cutOff, limits.lingerMs);
    timer.unref();
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > limits.lingerBytes) cutOff();
    });
    req.once('end', () => clearTimeout(timer));
    req.once('close', () => clearTimeout(timer));
    req.resume();
    res.send(refusal.status, answer);
  }

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'up' });
  });

  // Teams' link preview and mail link scanners fetch links with GET: a GET shows a page and uses nothing up; only
  // the page's button (a POST, which those do not send) hands the file over, once.
  /** The download behind a link (looked at or collected), or undefined once the 404 is sent. */
  async function download<T>(req: restify.Request, res: restify.Response, take: (source: DownloadSource, token: string) => Promise<T | undefined>): Promise<T | undefined> {
    const token = String(req.params.token ?? '');
    const file = downloads && TOKEN.test(token) ? await take(downloads, token) : undefined;
    if (!file) {
      res.writeHead(404, PAGE_HEADERS);
      res.end(GONE_PAGE);
    }
    return file;
  }

  server.get('/exports/:token', async (req, res) => {
    const file = await download(req, res, (source, token) => source.peek(token));
    if (!file) return;
    res.writeHead(200, PAGE_HEADERS);
    res.end(landingPage(file.fileName));
  });

  server.post('/exports/:token', async (req, res) => {
    // The form has no fields: whatever body comes is not read.
    req.resume();
    const file = await download(req, res, (source, token) => source.collect(token));
    if (!file) return;
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'content-disposition': `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'cache-control': 'no-store',
    });
    res.end(file.content);
  });

  server.get('/readyz', async (_req, res) => {
    const [database, jobs] = await Promise.all([readiness.database().catch(() => false), readiness.jobs().catch(() => false)]);
    const delivery = readiness.delivery?.();
    const ready = database && jobs && !draining && (delivery?.healthy ?? true);
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', database, jobs, draining, ...(delivery ? { delivery } : {}) });
  });

  return {
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          const display = host.includes(':') ? `[${host}]` : host;
          resolve({ port: address.port, url: `http://${display}:${address.port}` });
        });
      }),
    drain: async (timeoutMs) => {
      draining = true;
      if (inFlight === 0) return true;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        drained = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
