import type { ErrorCode } from '../../domain/errors';
export type GraphFailureKind =
  /** The tenant lacks Microsoft Entra ID P1/P2, which the registration report needs. */
  | 'licenseRequired'
  /** The app lacks a permission (or admin consent). */
  | 'forbidden'
  /** The token was refused. */
  | 'unauthorized'
  | 'notFound'
  | 'badRequest'
  /** Still 429 after the bounded retries, or a Retry-After too long to wait for. */
  | 'throttled'
  /** Not sent: no slot of the reports budget came free in time (a scan is using it). */
  | 'busy'
  /** Still 503/504 (or another 5xx) after the bounded retries. */
  | 'unavailable'
  /** No HTTP answer at all (DNS, connection refused or reset). */
  | 'unreachable'
  /** Anything else, e.g. a body that is not JSON. */
  | 'failed';

export interface GraphFailureDetails {
  kind: GraphFailureKind;
  /** Method and path template without the query, e.g. `GET /users/{id}/authentication/methods`. */
  operation: string;
  /** HTTP status; undefined when there was no HTTP answer. */
  status?: number;
  /** Graph's error code, e.g. `Authorization_RequestDenied`. */
  code?: string;
  /** Graph's request-id, what Microsoft support asks for. */
  requestId?: string;
  /** Undefined when the SDK's RetryHandler did the retrying and did not say how often it tried. */
  attempts?: number;
  /** Graph's own message or our account of what went wrong. */
  detail?: string;
}

/**
 * A Microsoft Graph call that failed for good. The message says what was called, how it failed, how often it
 * was tried and what to do about it. It never carries a token or a request header: only the operation (paths
 * hold object ids at most), Graph's error code and message, and the request id.
 */
export class GraphFailure extends Error {
  readonly kind: GraphFailureKind;
  /** Its code in the error catalogue. */
  readonly errorCode: ErrorCode;
  readonly operation: string;
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly attempts?: number;

  constructor(details: GraphFailureDetails) {
    super(describe(details));
    this.name = 'GraphFailure';
    this.kind = details.kind;
    this.errorCode = ERROR_CODE_OF_KIND[details.kind];
    this.operation = details.operation;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.attempts = details.attempts;
  }
}

const ERROR_CODE_OF_KIND: Record<GraphFailureKind, ErrorCode> = {
  licenseRequired: 'GRAPH-LICENCE',
  forbidden: 'GRAPH-FORBIDDEN',
  unauthorized: 'GRAPH-UNAUTHORIZED',
  notFound: 'GRAPH-NOT-FOUND',
  badRequest: 'GRAPH-BAD-REQUEST',
  throttled: 'GRAPH-THROTTLED',
  busy: 'GRAPH-BUSY',
  unavailable: 'GRAPH-UNAVAILABLE',
  unreachable: 'GRAPH-UNREACHABLE',
  failed: 'GRAPH-FAILED',
};

/** The kind a final (not retried) HTTP status and Graph error code amount to. */
export function failureKindOf(status: number, code: string | undefined): GraphFailureKind {
  if (status === 403 && code === 'Authentication_RequestFromNonPremiumTenantOrB2CTenant') return 'licenseRequired';
  if (status === 403) return 'forbidden';
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'notFound';
  if (status === 400) return 'badRequest';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'unavailable';
  return 'failed';
}

const ADVICE: Partial<Record<GraphFailureKind, string>> = {
  licenseRequired:
    "The registration report needs Microsoft Entra ID P1 or P2; without it, scans read each person ('perUserMethods', slower).",
  unauthorized: 'Check the Graph credential (client id, secret or certificate, tenant id).',
  throttled: 'Microsoft Graph kept throttling; try the scan again later.',
  unavailable: 'Microsoft Graph kept failing; try again later.',
  unreachable: 'Check the network path to Microsoft Graph.',
};

/** The application permission each kind of call needs (least privileged, as in graph-permissions.ts), for a 403. */
const PERMISSIONS: readonly [RegExp, string][] = [
  [/\/reports\//, 'AuditLog.Read.All'],
  [/\/authentication\//, 'UserAuthenticationMethod.Read.All'],
  [/directoryRole/i, 'RoleManagement.Read.Directory'],
  [/\/mailboxSettings/, 'MailboxSettings.Read'],
  [/\/teamwork\//, 'TeamsAppInstallation.ReadWriteSelfForUser.All'],
  [/\/conditionalAccess\/|\/identitySecurityDefaultsEnforcementPolicy/, 'Policy.Read.All'],
  // Writing the registration campaign needs more than reading it.
  [/^PATCH \/policies\/authenticationMethodsPolicy/, 'Policy.ReadWrite.AuthenticationMethod'],
  [/\/authenticationMethodsPolicy/, 'Policy.Read.AuthenticationMethod'],
  [/\/checkMemberGroups|\/groups/, 'GroupMember.Read.All'],
  [/\/users/, 'User.Read.All'],
];

function adviceFor(d: GraphFailureDetails): string | undefined {
  if (d.kind !== 'forbidden') return ADVICE[d.kind];
  const permission = PERMISSIONS.find(([pattern]) => pattern.test(d.operation))?.[1];
  return permission
    ? `Check that the app has ${permission} (application permission, admin consent granted).`
    : 'Check the app permissions and admin consent.';
}

/** Most useful first: admins often see only the first few hundred characters. */
function describe(d: GraphFailureDetails): string {
  const how = d.status === undefined ? 'no answer' : `${d.status}${d.code ? ` ${d.code}` : ''}`;
  const tries = d.attempts === undefined ? '' : d.attempts === 1 ? ' after 1 attempt' : ` after ${d.attempts} attempts`;
  if (d.kind === 'busy') return `Microsoft Graph ${d.operation} was not sent: ${clip(d.detail ?? 'the request budget is in use')}`;
  const parts = [`Microsoft Graph ${d.operation} failed: ${how}${tries}.`];
  const advice = adviceFor(d);
  if (advice) parts.push(advice);
  if (d.detail) parts.push(clip(d.detail));
  if (d.requestId) parts.push(`(request-id ${d.requestId})`);
  return parts.join(' ');
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const sentence = oneLine.length > 300 ? `${oneLine.slice(0, 297)}...` : oneLine;
  return /[.!?)]$/.test(sentence) ? sentence : `${sentence}.`;
}
