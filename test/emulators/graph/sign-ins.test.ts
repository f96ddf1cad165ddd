import {
  AUTHENTICATED_SMTP,
  buildDemoSignIns,
  EXCHANGE_ONLINE_APP_ID,
  generateDemoTenant,
  type SignInEvent,
} from '../../../emulators/demo-tenant';
import { EVERY_EMULATED_PERMISSION, emulatorAccessToken, SIGN_IN_LOG_PERMISSIONS, type GraphEmulator } from '../../../emulators/graph';
import { graphFetch as fetchWith, type GraphAnswer } from './graph-fetch';
import { collectionProblems, expectConforms, expectTamperingCaught, metadataChecker } from './metadata/metadata-assertions';
import { useGraphEmulator } from './use-graph-emulator';

const tenant = generateDemoTenant({ users: 50 });
/** The tests' own "now": nothing here reads the wall clock. */
const NOW = new Date('2026-11-15T12:00:00Z');
const SIGN_INS = '/v1.0/auditLogs/signIns';
const DAY_MS = 24 * 3600_000;
const isoDaysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
const smtpSince = (days: number) =>
  `${SIGN_INS}?$filter=clientAppUsed eq '${AUTHENTICATED_SMTP}' and createdDateTime ge ${isoDaysAgo(days)}`;
const demo = buildDemoSignIns(tenant, { now: NOW });
/** What the sign-in log needs (AuditLog.Read.All and Directory.Read.All), on top of every other emulated permission. */
const TOKEN = emulatorAccessToken({ roles: [...EVERY_EMULATED_PERMISSION, ...SIGN_IN_LOG_PERMISSIONS] });
const graphFetch = (graph: GraphEmulator, path: string, init: { token?: string } = {}): Promise<GraphAnswer> =>
  fetchWith(graph, path, { token: init.token ?? TOKEN });
async function walkPages(graph: GraphEmulator, first: string): Promise<{ items: SignInEvent[]; pages: number }> {
  const items: SignInEvent[] = [];
  let pages = 0;
  for (let next: string | undefined = first; next; pages++) {
    const page = await graphFetch(graph, next);
    expect(page.status).toBe(200);
    items.push(...page.body.value);
    next = page.body['@odata.nextLink'];
  }
  return { items, pages };
}

/** `count` SMTP AUTH events, one an hour back from `daysAgo`. */
function smtpEvents(count: number, daysAgo = 1): SignInEvent[] {
  const template = demo.find((e) => e.clientAppUsed === AUTHENTICATED_SMTP && e.status.errorCode === 0) as SignInEvent;
  return Array.from({ length: count }, (_, i) => ({
    ...structuredClone(template),
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    createdDateTime: new Date(NOW.getTime() - daysAgo * DAY_MS - i * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  }));
}

describe('GET /auditLogs/signIns (v1.0) for SMTP AUTH senders', () => {
  const graph = useGraphEmulator({ tenant, signInsAnchor: NOW, throttle: { reports: null }, logNotImplemented: false });

  it('the demo log: SMTP AUTH senders and interactive sign-ins, all in the 30 days before the anchor', () => {
    expect(graph.state.signIns.length).toBe(demo.length);
    for (const e of demo) {
      expect(Date.parse(e.createdDateTime)).toBeLessThanOrEqual(NOW.getTime());
      expect(Date.parse(e.createdDateTime)).toBeGreaterThan(NOW.getTime() - 30 * DAY_MS);
    }
    const smtp = demo.filter((e) => e.clientAppUsed === AUTHENTICATED_SMTP);
    expect(smtp.some((e) => e.userPrincipalName.startsWith('scanner@') && e.status.errorCode === 0)).toBe(true);
    expect(smtp.some((e) => e.status.errorCode === 50126)).toBe(true);
    expect(smtp.some((e) => e.appId !== EXCHANGE_ONLINE_APP_ID)).toBe(true); // the OAuth line-of-business app
    expect(demo.map((e) => e.clientAppUsed)).toEqual(expect.arrayContaining(['Browser', 'Mobile Apps and Desktop clients']));
    expect(buildDemoSignIns(tenant, { now: NOW })).toEqual(demo);
  });

  it('filters on clientAppUsed and createdDateTime ge, most recent first', async () => {
    const month = await graphFetch(graph, smtpSince(30));
    expect(month.status).toBe(200);
    const expected = demo.filter((e) => e.clientAppUsed === AUTHENTICATED_SMTP);
    expect(month.body.value.map((e: SignInEvent) => e.id)).toEqual(expected.map((e) => e.id));
    expect(month.body['@odata.nextLink']).toBeUndefined();
    expect(month.body.value.every((e: SignInEvent) => e.clientAppUsed === AUTHENTICATED_SMTP)).toBe(true);

    const week = await graphFetch(graph, smtpSince(7));
    const cutoff = NOW.getTime() - 7 * DAY_MS;
    expect(week.body.value.map((e: SignInEvent) => e.id)).toEqual(
      expected.filter((e) => Date.parse(e.createdDateTime) >= cutoff).map((e) => e.id),
    );
    expect(week.body.value.length).toBeLessThan(expected.length);

    const failed = await graphFetch(graph, `${smtpSince(30)} and status/errorCode eq 50126`);
    expect(failed.body.value.length).toBe(2);
  });

  it('an empty month: empty value, no nextLink', async () => {
    graph.state.clearSignIns();
    const empty = await graphFetch(graph, smtpSince(30));
    expect(empty.status).toBe(200);
    expect(empty.body.value).toEqual([]);
    expect(empty.body['@odata.nextLink']).toBeUndefined();
  });

  it('pages: $top sets the page size, nextLink leads to the end; default and maximum page size 1,000', async () => {
    graph.state.setSignIns(smtpEvents(25));
    const first = await graphFetch(graph, `${smtpSince(30)}&$top=10`);
    expect(first.body.value.length).toBe(10);
    expect(first.body['@odata.nextLink']).toContain('$skiptoken=');
    const all = await walkPages(graph, `${smtpSince(30)}&$top=10`);
    expect(all.pages).toBe(3);
    expect(all.items.map((e) => e.id)).toEqual(graph.state.signIns.map((e) => e.id));

    graph.state.setSignIns(smtpEvents(1001));
    const big = await graphFetch(graph, SIGN_INS);
    expect(big.body.value.length).toBe(1000);
    expect(big.body['@odata.nextLink']).toBeDefined();
    expect((await graphFetch(graph, `${SIGN_INS}?$top=1000`)).status).toBe(200);
    for (const top of ['1001', '0', 'abc']) expect((await graphFetch(graph, `${SIGN_INS}?$top=${top}`)).status).toBe(400);
  });

  it('refuses query options and filters the v1.0 page does not document (400)', async () => {
    for (const query of [
      '$orderby=createdDateTime desc',
      '$select=id',
      '$count=true',
      '$skip=1',
      '$search="scanner"',
      '$filter=createdDateTime gt 2026-11-01T00:00:00Z',
      "$filter=createdDateTime ge '2026-11-01T00:00:00Z'",
      "$filter=clientAppUsed ne 'Browser'",
      "$filter=startswith(clientAppUsed,'Auth')",
      "$filter=userAgent eq 'x'",
      "$filter=clientAppUsed in ('Browser')",
      "$filter=status/errorCode eq '50126'",
    ]) {
      const answer = await graphFetch(graph, `${SIGN_INS}?${query}`);
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
    }
  });

  it('needs AuditLog.Read.All and Directory.Read.All: 403, with the code Graph gives for the one missing', async () => {
    // EVERY_EMULATED_PERMISSION holds AuditLog.Read.All but not Directory.Read.All.
    const cases: [string[], string, string][] = [
      [
        ['Directory.Read.All'],
        'Authentication_MSGraphPermissionMissing',
        'Calling principal does not have required MSGraph permissions AuditLog.Read.All',
      ],
      [
        ['Reports.Read.All'],
        'Authentication_MSGraphPermissionMissing',
        'Calling principal does not have required MSGraph permissions AuditLog.Read.All',
      ],
      [['AuditLog.Read.All'], 'Authentication_ApplicationHasNoDirectoryReadAccess', 'Failed to do premium license check from ADGraph'],
      [
        [...EVERY_EMULATED_PERMISSION],
        'Authentication_ApplicationHasNoDirectoryReadAccess',
        'Failed to do premium license check from ADGraph',
      ],
    ];
    for (const [roles, code, message] of cases) {
      const denied = await graphFetch(graph, smtpSince(30), { token: emulatorAccessToken({ roles }) });
      expect({ roles, status: denied.status, error: denied.body.error }).toMatchObject({ roles, status: 403, error: { code, message } });
    }
    const allowed = await graphFetch(graph, smtpSince(30), {
      token: emulatorAccessToken({ roles: ['AuditLog.Read.All', 'Directory.Read.All'] }),
    });
    expect(allowed.status).toBe(200);
  });

  it('without Microsoft Entra ID P1/P2: 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant', async () => {
    graph.state.setEntraIdPremium(false);
    const unlicensed = await graphFetch(graph, smtpSince(30));
    expect(unlicensed.status).toBe(403);
    expect(unlicensed.body.error).toMatchObject({
      code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
      message: "Neither tenant is B2C or tenant doesn't have premium license",
    });
    graph.state.setEntraIdPremium(true);
    expect((await graphFetch(graph, smtpSince(30))).status).toBe(200);
  });

  it('is throttled with the identity and access reports: the 6th request in 10 s is a 429 with Retry-After', async () => {
    graph.setThrottle('reports', { limit: 5, windowSeconds: 10 });
    for (let i = 0; i < 5; i++) expect((await graphFetch(graph, smtpSince(30))).status).toBe(200);
    const throttled = await graphFetch(graph, smtpSince(30));
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('TooManyRequests');
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(9);
    expect(retryAfter).toBeLessThanOrEqual(10);
    // Same bucket as the registration report.
    expect((await graphFetch(graph, '/v1.0/reports/authenticationMethods/userRegistrationDetails')).status).toBe(429);
  });

  it('answers in the v1.0 signIn shape (metadata), and the check catches a beta-only property', async () => {
    const page = await graphFetch(graph, SIGN_INS);
    expect(page.body.value.length).toBe(demo.length);
    expectConforms(collectionProblems(`GET ${SIGN_INS}`, page, 'signIn'));
    expectConforms(collectionProblems(`GET ${smtpSince(30)}`, await graphFetch(graph, smtpSince(30)), 'signIn'));
    expectTamperingCaught(
      (body) => metadataChecker.checkCollection(body, 'signIn'),
      page.body,
      (copy) => {
        copy.value[0].authenticationProtocol = 'none';
        copy.value[1].riskState = 'risky';
        copy.value[2].createdDateTime = null;
      },
      [/authenticationProtocol/, /riskState/, /createdDateTime/],
    );
  });
});
