import { EventEmitter } from 'node:events';
import type { ConnectorOperation } from './connector-route';

/** One request the emulator answered, as it arrived, with the answer it got. */
export interface ReceivedRequest {
  /** Order of answering, from 1. */
  readonly seq: number;
  readonly method: string;
  /** Path and query as sent (ids still percent-encoded). */
  readonly path: string;
  readonly operation: ConnectorOperation;
  /** Decoded conversation id: from the path, or the id createConversation answered with. */
  readonly conversationId?: string;
  /** Decoded activity id: from the path, or the id the emulator gave a delivered send. */
  readonly activityId?: string;
  readonly body: unknown;
  /** Lower-case header names; Authorization is reduced to its scheme (e.g. "Bearer"): tokens never reach a log. */
  readonly headers: Readonly<Record<string, string>>;
  /** Arrival time, ms since the epoch. */
  readonly at: number;
  readonly status: number;
  readonly response: unknown;
}

export type ActivityKind = 'send' | 'reply' | 'update';

/** An activity the emulator accepted (throttled or refused activities never appear here). */
export interface RecordedActivity {
  readonly kind: ActivityKind;
  readonly conversationId: string;
  readonly activityId: string;
  readonly activity: Readonly<Record<string, unknown>>;
  readonly at: number;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** What the emulator received and delivered, with a way to wait for a request instead of sleeping. */
export class ReceivedLog {
  private readonly requests: ReceivedRequest[] = [];
  private readonly delivered: RecordedActivity[] = [];
  private readonly events = new EventEmitter();
  private readonly cancels = new Set<() => void>();

  constructor() {
    this.events.setMaxListeners(0);
  }

  addRequest(request: Omit<ReceivedRequest, 'seq'>): ReceivedRequest {
    const recorded = { seq: this.requests.length + 1, ...request };
    this.requests.push(recorded);
    this.events.emit('request', recorded);
    return recorded;
  }

  addActivity(activity: RecordedActivity): void {
    this.delivered.push(activity);
  }

  received(): ReceivedRequest[] {
    return [...this.requests];
  }

  activities(conversationId?: string): RecordedActivity[] {
    return this.delivered.filter((a) => conversationId === undefined || a.conversationId === conversationId);
  }

  cards(conversationId?: string): Record<string, unknown>[] {
    return this.activities(conversationId).flatMap((a) => adaptiveCardsOf(a.activity));
  }

  /** The first request (already received or still to come) that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (request: ReceivedRequest) => boolean, timeoutMs = 2000): Promise<ReceivedRequest> {
    const already = this.requests.find(predicate);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const settle = (outcome: () => void): void => {
        clearTimeout(timer);
        this.cancels.delete(cancel);
        this.events.off('request', onRequest);
        outcome();
      };
      const onRequest = (request: ReceivedRequest): void => {
        try {
          if (predicate(request)) settle(() => resolve(request));
        } catch (error) {
          settle(() => reject(error));
        }
      };
      const cancel = (): void => settle(() => reject(new Error('waitFor: the Connector emulator was closed while waiting.')));
      const timer = setTimeout(
        () => settle(() => reject(new Error(`waitFor: no matching request within ${timeoutMs} ms. Received: ${this.summary()}`))),
        timeoutMs,
      );
      this.cancels.add(cancel);
      this.events.on('request', onRequest);
    });
  }

  clear(): void {
    this.requests.length = 0;
    this.delivered.length = 0;
  }

  /** Reject pending waits so a closed emulator leaves no timers behind. */
  dispose(): void {
    for (const cancel of [...this.cancels]) cancel();
  }

  private summary(): string {
    if (this.requests.length === 0) return 'nothing';
    const last = this.requests.slice(-10).map((r) => `${r.method} ${r.path} → ${r.status}`);
    return `${this.requests.length} request(s), last: ${last.join('; ')}`;
  }
}

/** Adaptive card contents of an activity's attachments (content sent as a JSON string is parsed). */
function adaptiveCardsOf(activity: Readonly<Record<string, unknown>>): Record<string, unknown>[] {
  const attachments = Array.isArray(activity.attachments) ? (activity.attachments as unknown[]) : [];
  return attachments.flatMap((attachment) => {
    if (!isRecord(attachment) || attachment.contentType !== ADAPTIVE_CARD_CONTENT_TYPE) return [];
    const content = typeof attachment.content === 'string' ? parseJson(attachment.content) : attachment.content;
    return isRecord(content) ? [content] : [];
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
