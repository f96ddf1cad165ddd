import type { Client } from '@microsoft/microsoft-graph-client';
import { adminSafeMessage } from '../../domain/admin/admin-safe-message';
import type { SmtpLogRead, SmtpLogUnavailable, SmtpLogWindow, SmtpSignInLog } from '../../domain/ports/smtp-sign-in-log';
import type { SmtpSignIn } from '../../domain/smtp/smtp-sender';
import { systemClock, type PacerClock, type RequestPacer } from '../request-pacer';
import { walkCollection } from './collection-walk';
import { GraphCaller, newCounters } from './graph-caller';
import { GraphFailure } from './graph-failure';
import { graphPath } from './graph-path';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

/**
 * Microsoft's first-party Exchange Online app: the app (and resource) a sign-in names when Exchange itself checked
 * the credentials. Declared again here (the emulator's demo tenant has the same constant) since src never imports
 * the emulators.
 */
export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
/** The `clientAppUsed` of SMTP AUTH client submission in the sign-in log. */
export const AUTHENTICATED_SMTP = 'Authenticated SMTP';
/** What the v1.0 "List signIns" page asks of an app: both, no smaller or other pair. */
export const SIGN_IN_LOG_PERMISSIONS: readonly string[] = ['AuditLog.Read.All', 'Directory.Read.All'];
/** "The maximum and default page size is 1,000 objects" (List signIns, v1.0). */
const PAGE_SIZE = 1000;
const SIGN_INS = '/auditLogs/signIns';
const NON_PREMIUM = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';
/** Graph's code when the licence check behind the sign-in log could not read the directory (Directory.Read.All missing). */
const NO_DIRECTORY_READ = 'Authentication_ApplicationHasNoDirectoryReadAccess';

/** The v1.0 `signIn` properties this adapter reads; every one may be missing or null in what Graph sends. */
export interface GraphSignIn {
  createdDateTime?: string | null;
  userId?: string | null;
  userPrincipalName?: string | null;
  userDisplayName?: string | null;
  appId?: string | null;
  appDisplayName?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
  status?: { errorCode?: number | null } | null;
  deviceDetail?: { displayName?: string | null; operatingSystem?: string | null } | null;
}

export interface GraphSmtpSignInLogOptions {
  retry?: Partial<RetryPolicy>;
  /** The GraphCaller's time for its backoff waits (the pacer has its own); injectable for tests. */
  clock?: PacerClock;
  random?: () => number;
  /** The permissions of the app's token, when they can be read from it (undefined when not): a 403 then names exactly what is missing. */
  grantedRoles?: () => Promise<readonly string[] | undefined>;
}

/**
 * `SmtpSignInLog` on Microsoft Graph v1.0: `GET /auditLogs/signIns` with
 * `$filter=clientAppUsed eq 'Authenticated SMTP' and createdDateTime ge <since> and createdDateTime le <until>` (dates
 * unquoted, ISO 8601 with Z, as the List signIns page writes them) and `$top=1000`, the page's maximum, then
 * `@odata.nextLink` page by page. Needs AuditLog.Read.All and Directory.Read.All, and a tenant with Microsoft Entra ID
 * P1 or P2.
 *
 * The sign-in log belongs to the identity and access reports service, whose budget (about 5 requests per 10 s per
 * app per tenant) the registration report and the live method checks spend too: every request here, retries
 * included, takes its slot from the shared reports pacer, so a scan, a recheck and this walk never add up to a 429.
 *
 * Password or OAuth (`usedPassword`). v1.0 does not say how an SMTP AUTH client authenticated: authenticationProtocol,
 * authenticationDetails and signInEventTypes are beta only, and we stay on v1.0. What v1.0 does give is the app:
 * - appId = Exchange Online's first-party app (00000002-0000-0ff1-ce00-000000000000): Exchange checked a user name
 *   and password itself, which is basic authentication, the "legacy authentication client" Microsoft's
 *   legacy-authentication pages describe for SMTP → true;
 * - any other appId: the client came with an OAuth token issued to that app registration (SMTP AUTH with XOAUTH2)
 *   → false;
 * - no appId: the log cannot tell → undefined (the domain then counts it as a password).
 * This is an inference from how the log names apps, not a documented mapping: Microsoft does not document the
 * appId of SMTP AUTH events either way, and an OAuth client using Exchange's own app id would be counted as a
 * password here (the safe side: it keeps a sender on the list rather than dropping one that still uses a password).
 *
 * Failures: a 403 naming a permission (or any other 403) is 'notPermitted' with the permissions missing (read from
 * the token when it says, else from Graph's message, else both); 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant
 * is 'notLicensed'; anything else, after GraphCaller's retries (429s and 503s included), is 'failed'. A failure on
 * any page fails the whole read: pages already handed over are not a result, and the caller must not keep them as one.
 */
export class GraphSmtpSignInLog implements SmtpSignInLog {
  private readonly caller: GraphCaller;
  private readonly grantedRoles?: () => Promise<readonly string[] | undefined>;

  constructor(
    client: Client,
    /** The reports service's pacer the app shares between GraphDirectory instances and this log. */
    private readonly reportsPacer: RequestPacer,
    options: GraphSmtpSignInLogOptions = {},
  ) {
    this.caller = new GraphCaller(client, { ...DEFAULT_RETRY_POLICY, ...options.retry }, options.clock ?? systemClock, options.random);
    this.grantedRoles = options.grantedRoles;
  }

  async readSmtpSignIns(window: SmtpLogWindow, onPage: (signIns: SmtpSignIn[]) => Promise<void>): Promise<SmtpLogRead> {
    const counters = newCounters();
    let signIns = 0;
    try {
      const pages = await walkCollection<GraphSignIn>(
        this.caller,
        signInsPath(window),
        { pacer: this.reportsPacer, counters },
        async (page) => {
          const mapped = page.flatMap((event) => mapSignIn(event) ?? []);
          signIns += mapped.length;
          try {
            await onPage(mapped);
          } catch (error) {
            throw new HandlerFailure(error);
          }
        },
      );
      return { ok: true, signIns, pages, throttled: counters.throttled };
    } catch (error) {
      // The page handler's own failure (the database) is the caller's to handle, not the log's.
      if (error instanceof HandlerFailure) throw error.cause;
      return { ok: false, ...(await this.unavailable(error)) };
    }
  }

  private async unavailable(error: unknown): Promise<SmtpLogUnavailable> {
    if (!(error instanceof GraphFailure)) return { reason: 'failed', detail: `Reading the sign-in log failed: ${adminSafeMessage(error)}` };
    const answer = `${error.status ?? 403}${error.code ? ` ${error.code}` : ''}`;
    if (error.kind === 'licenseRequired' || error.code === NON_PREMIUM) {
      return {
        reason: 'notLicensed',
        detail: `Microsoft Graph refused the sign-in log (${answer}): reading it through Graph needs Microsoft Entra ID P1 or P2, which this tenant does not have`,
      };
    }
    if (error.kind === 'forbidden') {
      const missing = await this.missingPermissions(error);
      return {
        reason: 'notPermitted',
        missing,
        detail: `Microsoft Graph refused the sign-in log (${answer}): MFA Coach lacks ${missing.join(' and ')}; the sign-in log needs ${SIGN_IN_LOG_PERMISSIONS.join(' and ')} together (application permissions, admin consent)`,
      };
    }
    return { reason: 'failed', detail: adminSafeMessage(error) };
  }

  /**
   * The token's roles are what was granted, so they come first. Graph's own words are a weaker hint: its message
   * for this route names AuditLog.Read.All, and a missing Directory.Read.All has been answered with another code.
   * When neither tells, both are named: granting both is what the route needs anyway.
   */
  private async missingPermissions(error: GraphFailure): Promise<string[]> {
    const roles = await this.grantedRoles?.().catch(() => undefined);
    const lacking = roles ? SIGN_IN_LOG_PERMISSIONS.filter((name) => !roles.includes(name)) : [];
    if (lacking.length > 0) return lacking;
    if (error.code === NO_DIRECTORY_READ) return ['Directory.Read.All'];
    const named = SIGN_IN_LOG_PERMISSIONS.filter((name) => error.message.includes(name));
    return named.length > 0 ? named : [...SIGN_IN_LOG_PERMISSIONS];
  }
}

/** Marks an error thrown by the caller's page handler, so that it is passed on untouched. */
class HandlerFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('the page handler failed');
  }
}

/** The first page's path: SMTP AUTH client submission only, inside the window, the largest page Graph serves. */
export function signInsPath(window: SmtpLogWindow): string {
  const [since, until] = [window.since.getTime(), window.until.getTime()];
  if (Number.isNaN(since) || Number.isNaN(until)) throw new RangeError('the sign-in log window needs valid dates');
  if (since > until) throw new RangeError('the sign-in log window ends before it starts');
  const filter = `clientAppUsed eq '${AUTHENTICATED_SMTP}' and createdDateTime ge ${odataDateTime(window.since)} and createdDateTime le ${odataDateTime(window.until)}`;
  return graphPath(SIGN_INS, { $filter: filter, $top: PAGE_SIZE });
}

/** An OData DateTimeOffset literal, unquoted: `2026-11-01T00:00:00Z`, with milliseconds only when there are some. */
function odataDateTime(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

const text = (value: string | null | undefined): string | undefined => (value && value.trim() !== '' ? value : undefined);

/** One v1.0 event in the domain's words; undefined for an event that names no user (nobody to tell). */
export function mapSignIn(event: GraphSignIn): SmtpSignIn | undefined {
  const accountId = text(event.userId);
  const at = event.createdDateTime ? new Date(event.createdDateTime) : undefined;
  if (!accountId || !at || Number.isNaN(at.getTime())) return undefined;
  const appId = text(event.appId)?.toLowerCase();
  const exchange = appId === EXCHANGE_ONLINE_APP_ID;
  const displayName = text(event.userDisplayName);
  const ipAddress = text(event.ipAddress);
  // Another app's name says which registration holds the token; Exchange's own name says nothing about the device.
  const client =
    (appId && !exchange ? text(event.appDisplayName) : undefined) ??
    text(event.userAgent) ??
    text(event.deviceDetail?.displayName) ??
    text(event.deviceDetail?.operatingSystem);
  return {
    at,
    accountId,
    userPrincipalName: text(event.userPrincipalName) ?? accountId,
    ...(displayName ? { displayName } : {}),
    ...(ipAddress ? { ipAddress } : {}),
    ...(client ? { client } : {}),
    succeeded: event.status?.errorCode === 0,
    ...(appId ? { usedPassword: exchange } : {}),
  };
}
