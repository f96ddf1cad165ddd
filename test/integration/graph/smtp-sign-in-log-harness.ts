import { smtpSignInEvent, type SignInEvent } from '../../../emulators/demo-tenant';
import { emulatorAccessToken } from '../../../emulators/graph';
import { createGraphClient } from '../../../src/adapters/graph/graph-client';
import { GRAPH_PERMISSION_NAMES } from '../../../src/adapters/graph/graph-permissions';
import { GraphSmtpSignInLog } from '../../../src/adapters/graph/graph-smtp-sign-in-log';
import { REPORTS_BUDGET } from '../../../src/adapters/graph/reports-budget';
import type { SmtpLogRead, SmtpLogWindow } from '../../../src/domain/ports/smtp-sign-in-log';
import type { SmtpSignIn } from '../../../src/domain/smtp/smtp-sender';
import { RequestPacer } from '../../../src/adapters/request-pacer';
import { rolesOfAccessToken } from '../../../src/adapters/graph/token-roles';
import { FAST_RETRIES } from './graph-directory-harness';

/** The tests' own "now": nothing reads the wall clock for the log's contents. */
export const NOW = new Date('2026-11-15T12:00:00Z');
export const DAY_MS = 24 * 3600_000;
/** The reports window (10 s) lasts 100 ms, in the emulator's throttle and in the pacer alike. */
export const TIME_SCALE = 0.01;
export const LAST_30_DAYS: SmtpLogWindow = { since: new Date(NOW.getTime() - 30 * DAY_MS), until: NOW };

/** The documented reports budget, scaled like the emulator's throttle. */
export const reportsPacer = (): RequestPacer =>
  new RequestPacer({ limit: REPORTS_BUDGET.limit, windowMs: REPORTS_BUDGET.windowMs * TIME_SCALE });

export interface LogSetup {
  /** Permissions taken out of the list MFA Coach asks for (GRAPH_PERMISSION_NAMES). */
  revoked?: readonly string[];
  /** Whether the adapter may read the token's roles, as the app wires it (default true). */
  withRoles?: boolean;
  pacer?: RequestPacer;
  retry?: Partial<typeof FAST_RETRIES>;
}

/** The sign-in log adapter on the emulator at `url`, with a token holding what MFA Coach asks for but `revoked`. */
export function smtpLogOn(url: string, tenantId: string, setup: LogSetup = {}): { log: GraphSmtpSignInLog; token: string } {
  const revoked = setup.revoked ?? [];
  const token = emulatorAccessToken({ tenantId, roles: GRAPH_PERMISSION_NAMES.filter((name) => !revoked.includes(name)) });
  const log = new GraphSmtpSignInLog(
    createGraphClient(url, async () => token),
    setup.pacer ?? reportsPacer(),
    {
      retry: { ...FAST_RETRIES, ...setup.retry },
      ...(setup.withRoles === false ? {} : { grantedRoles: async () => rolesOfAccessToken(token) }),
    },
  );
  return { log, token };
}

/** Everything a read handed over, page by page, and its result. */
export async function readAll(
  log: GraphSmtpSignInLog,
  window: SmtpLogWindow = LAST_30_DAYS,
): Promise<{ result: SmtpLogRead; pages: SmtpSignIn[][]; all: SmtpSignIn[] }> {
  const pages: SmtpSignIn[][] = [];
  const result = await log.readSmtpSignIns(window, async (page) => {
    pages.push(page);
  });
  return { result, pages, all: pages.flat() };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

/** One v1.0 SMTP AUTH event with a password (Exchange Online's app), succeeded, `msAgo` before NOW; `n` makes it unique. */
export function smtpEvent(n: number, msAgo: number, overrides: Partial<SignInEvent> = {}): SignInEvent {
  const hex = n.toString(16).padStart(12, '0');
  return {
    ...smtpSignInEvent({
      id: `00000000-0000-4000-8000-${hex}`,
      createdDateTime: iso(NOW.getTime() - msAgo),
      who: { id: `10000000-0000-4000-8000-${hex}`, displayName: `Sender ${n}`, userPrincipalName: `sender${n}@contoso.example` },
      tenantId: '30000000-0000-4000-8000-000000000000',
      correlationId: `20000000-0000-4000-8000-${hex}`,
    }),
    ...overrides,
  };
}

/** `count` SMTP AUTH events, each a different sender, one a minute back from an hour before NOW. */
export const manyEvents = (count: number): SignInEvent[] => Array.from({ length: count }, (_, i) => smtpEvent(i, 3600_000 + i * 60_000));
