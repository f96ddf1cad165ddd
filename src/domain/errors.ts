/**
 * The error catalogue: every failure the bot tells someone about has a stable code here, what the person in the
 * chat is told, whether trying again can help, and what the operator should do. Adapters translate their own
 * failures (Graph, Teams, configuration, articles) into these codes by setting `errorCode` on the error they
 * throw; anything without a code is a bug and reads as INTERNAL. docs/errors.md is generated from this list
 * (`npm run docs:errors`) and a test keeps the two the same.
 */
export interface ErrorEntry {
  /** What it is, in a few words (the operator's view). */
  title: string;
  /** What the person in the chat is told, after "Sorry": plain words, no internals. */
  person: string;
  /** True when the same request may succeed later without anyone changing anything. */
  retryable: boolean;
  /** What the operator should do about it. */
  operator: string;
}

export const ERROR_CATALOGUE = {
  'GRAPH-FORBIDDEN': {
    title: 'Microsoft Graph refused a permission',
    person: "I'm not allowed to read that from Microsoft 365 yet. Your IT team can fix this.",
    retryable: false,
    operator:
      'Grant the application permission the log names, with admin consent, to the bot\'s Graph app registration (the README\'s "Entra app registration" lists each one and why).',
  },
  'GRAPH-LICENCE': {
    title: 'The registration report needs Microsoft Entra ID P1 or P2',
    person: "I can't read the tenant's MFA report with its current licences. Your IT team can fix this.",
    retryable: false,
    operator:
      'Scans fall back by themselves to reading each person (one request per person, so slower; the log says so once). License the tenant for Entra ID P1 or P2 for the fast report, or set REGISTRATION_SOURCE=perUserMethods to skip asking for it.',
  },
  'GRAPH-UNAUTHORIZED': {
    title: "Microsoft Graph refused the bot's token",
    person: "I couldn't sign in to Microsoft 365 just now. Your IT team can fix this.",
    retryable: false,
    operator: 'Check the Graph credential: client id, secret or certificate (and its expiry), tenant id.',
  },
  'GRAPH-THROTTLED': {
    title: 'Microsoft Graph kept throttling',
    person: 'Microsoft 365 is asking me to slow down. Please try again in a minute.',
    retryable: true,
    operator: 'Nothing, unless it lasts: then look for another app using the same tenant budget, or scan less often.',
  },
  'GRAPH-BUSY': {
    title: "The tenant's reports budget is taken (a scan is running)",
    person: "I'm busy reading the tenant's MFA report. Please try again in a minute.",
    retryable: true,
    operator: 'Nothing: live checks wait behind a scan for at most a few seconds by design.',
  },
  'GRAPH-UNAVAILABLE': {
    title: 'Microsoft Graph kept failing (5xx)',
    person: "Microsoft 365 isn't answering properly right now. Please try again in a few minutes.",
    retryable: true,
    operator: "Check Microsoft 365's service health; the log has Graph's request id for a support case.",
  },
  'GRAPH-UNREACHABLE': {
    title: 'Microsoft Graph could not be reached',
    person: "I can't reach Microsoft 365 right now. Please try again in a few minutes.",
    retryable: true,
    operator: "Check the bot host's network path, DNS and proxy to the Graph host (GRAPH_BASE_URL).",
  },
  'GRAPH-BAD-REQUEST': {
    title: 'Microsoft Graph refused the request as malformed',
    person: 'Something went wrong on my side.',
    retryable: false,
    operator: "A bug, or a query form this tenant's Graph does not accept: report it with the log line (it names the operation).",
  },
  'GRAPH-NOT-FOUND': {
    title: 'Microsoft Graph does not know what was asked for',
    person: "I couldn't find that in Microsoft 365.",
    retryable: false,
    operator: 'Usually a person or group deleted since the last scan; nothing to do unless it repeats for one that exists.',
  },
  'GRAPH-FAILED': {
    title: 'Microsoft Graph gave an answer the bot could not use',
    person: 'Something went wrong on my side.',
    retryable: false,
    operator: 'Report it with the log line (operation, status and request id).',
  },
  'TEAMS-TIMEOUT': {
    title: 'The Bot Connector gave no answer in time',
    person: "Teams didn't answer me in time. Please try again in a moment.",
    retryable: true,
    operator: "Check Microsoft Teams' service health and the bot host's network path to the Bot Connector.",
  },
  TIMEOUT: {
    title: 'A dependency did not answer in the time a chat can wait',
    person: 'That took too long. Please try again in a moment.',
    retryable: true,
    operator: 'The log names what was waited for; if it repeats, check that service and the database.',
  },
  'CONFIG-INVALID': {
    title: 'The configuration is incomplete or malformed',
    person: 'Something went wrong on my side.',
    retryable: false,
    operator: 'The start-up message lists each setting to fix; see the README, "Run in production".',
  },
  'KNOWLEDGE-INVALID': {
    title: 'An article in the knowledge base is malformed',
    person: 'Something went wrong on my side.',
    retryable: false,
    operator: 'The start-up message names the file and the problem; fix the article and start again.',
  },
  INTERNAL: {
    title: 'A failure nobody named: a bug',
    person: 'Something went wrong on my side. Please try again in a moment.',
    retryable: false,
    operator: 'Report it with the reference from the card: the log has the details under it.',
  },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, value);
}

/** The code an error carries (its `errorCode`), or INTERNAL when it carries none. */
export function errorCodeOf(error: unknown): ErrorCode {
  const code = (error as { errorCode?: unknown } | null | undefined)?.errorCode;
  return isErrorCode(code) ? code : 'INTERNAL';
}

/** The catalogue's entry for an error, with its code. */
export function errorEntryOf(error: unknown): ErrorEntry & { code: ErrorCode } {
  const code = errorCodeOf(error);
  return { code, ...ERROR_CATALOGUE[code] };
}

/** What a log line or a recorded reason says of a failure: its message, or the thrown value itself as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The error's message on one line, cut to `max` characters (an ellipsis ends a cut one): for a summary line. */
export function messageLine(error: unknown, max: number): string {
  const line = messageOf(error).replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
