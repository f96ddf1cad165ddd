import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { z } from 'zod';

/**
 * `POST /api/messages` is open to the internet, and botbuilder checks the token only once the body is parsed. So
 * the body is read here, by hand and under limits, before any token check: no compression (a small gzip body can
 * inflate to hundreds of megabytes), JSON only (no multipart, so nothing is ever written to disk), a byte cap
 * counted on the raw stream (Content-Length can lie or be absent), a deadline for the whole body, and in production
 * a Bearer header before a single byte is read. A refusal costs a few header reads, and says why in one line.
 */
export interface ActivityRequestLimits {
  /** Largest body accepted, in bytes. Teams activities, cards included, stay far below 256 KiB. */
  maxBytes: number;
  /** Production: a request without `Authorization: Bearer …` is refused before its body is read. */
  requireBearer: boolean;
  /** How long the whole body may take to arrive (a client that trickles it holds a connection). */
  readTimeoutMs: number;
  /** After a refusal, how long and how much of the rest of the body is read and thrown away before cutting off. */
  lingerMs: number;
  lingerBytes: number;
}

export const DEFAULT_ACTIVITY_REQUEST_LIMITS: ActivityRequestLimits = {
  maxBytes: 256 * 1024,
  requireBearer: false,
  readTimeoutMs: 10_000,
  lingerMs: 2_000,
  lingerBytes: 64 * 1024 * 1024,
};

export interface Refusal {
  status: 400 | 401 | 408 | 413 | 415;
  /** For the log and the response: plain words, nothing from the request's body. */
  reason: string;
}

export type ActivityRequest = { ok: true; activity: IncomingActivity } | ({ ok: false } & Refusal);

/**
 * The fields botbuilder and the routes rely on before any handler could check them. Anything else passes
 * through untouched; an activity that lacks these is malformed (400), not a server error (500).
 */
const incomingActivity = z
  .object({
    type: z.string().min(1).max(100),
    id: z.string().max(1000).optional(),
    serviceUrl: z.string().max(2000).optional(),
    channelId: z.string().max(100).optional(),
    conversation: z
      .object({ id: z.string().max(1000) })
      .passthrough()
      .optional(),
    from: z
      .object({ id: z.string().max(1000).optional() })
      .passthrough()
      .optional(),
    recipient: z
      .object({ id: z.string().max(1000).optional() })
      .passthrough()
      .optional(),
    text: z.string().optional(),
    timestamp: z
      .string()
      .refine((value) => !Number.isNaN(Date.parse(value)))
      .optional(),
    localTimestamp: z
      .string()
      .refine((value) => !Number.isNaN(Date.parse(value)))
      .optional(),
    expiration: z
      .string()
      .refine((value) => !Number.isNaN(Date.parse(value)))
      .optional(),
    channelData: z.record(z.unknown()).optional(),
    entities: z.array(z.record(z.unknown())).optional(),
    attachments: z.array(z.record(z.unknown())).optional(),
    membersAdded: z.array(z.object({ id: z.string().optional() }).passthrough()).optional(),
    membersRemoved: z.array(z.object({ id: z.string().optional() }).passthrough()).optional(),
  })
  .passthrough();

export type IncomingActivity = z.infer<typeof incomingActivity>;

const overCap = (limits: ActivityRequestLimits): Refusal => ({ status: 413, reason: `the body is over ${limits.maxBytes} bytes` });

/** The checks that need only the headers: run before the body is touched. */
export function refuseByHeaders(headers: IncomingHttpHeaders, limits: ActivityRequestLimits): Refusal | undefined {
  const authorization = headers.authorization;
  if (limits.requireBearer && !(typeof authorization === 'string' && /^Bearer \S+$/i.test(authorization.trim()))) {
    return { status: 401, reason: 'no Bearer token' };
  }
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    return { status: 415, reason: 'compressed bodies are not accepted' };
  }
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return { status: 415, reason: 'only application/json is accepted' };
  const length = headers['content-length'];
  if (length !== undefined && !/^\d+$/.test(length)) return { status: 400, reason: 'Content-Length is not a number' };
  if (length !== undefined && Number(length) > limits.maxBytes) return overCap(limits);
  return undefined;
}

/** Reads and checks the body of a request whose headers passed; stops reading as soon as it is over the cap. */
export async function readActivity(req: IncomingMessage, limits: ActivityRequestLimits): Promise<ActivityRequest> {
  const byHeaders = refuseByHeaders(req.headers, limits);
  if (byHeaders) return { ok: false, ...byHeaders };
  const raw = await readCapped(req, limits);
  if (!raw.ok) return raw;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.text);
  } catch {
    return { ok: false, status: 400, reason: 'the body is not valid JSON' };
  }
  const activity = incomingActivity.safeParse(parsed);
  if (!activity.success) {
    const where = activity.error.issues[0]?.path.join('.') || 'body';
    return { ok: false, status: 400, reason: `the body is not an activity (${where})` };
  }
  return { ok: true, activity: activity.data };
}

/** A body still arriving after the time limit: refused, so a slow sender cannot hold a connection open. */
function tooSlow(limits: ActivityRequestLimits): Refusal {
  return { status: 408, reason: `the body took over ${limits.readTimeoutMs} ms to arrive` };
}

function readCapped(req: IncomingMessage, limits: ActivityRequestLimits): Promise<{ ok: true; text: string } | ({ ok: false } & Refusal)> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (result: { ok: true; text: string } | ({ ok: false } & Refusal)) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      // Whatever else the client sends waits, unread, for the caller's refusal (which discards it).
      if (!result.ok) req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes) finish({ ok: false, ...overCap(limits) });
      else chunks.push(chunk);
    };
    const onEnd = () => {
      const body = Buffer.concat(chunks, received);
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
      try {
        finish({ ok: true, text: text.decode(body) });
      } catch {
        finish({ ok: false, status: 400, reason: 'the body is not UTF-8' });
      }
    };
    const onError = () => finish({ ok: false, status: 400, reason: 'the request was cut off' });
    const timer = setTimeout(() => finish({ ok: false, ...tooSlow(limits) }), limits.readTimeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}
