import { randomUUID } from 'node:crypto';
import { CAMPAIGN_MANAGERS_GROUP, MFA_COACH_ADMINS_GROUP, demoPersonas, toRegistrationDetail } from '../../../emulators/demo-tenant';
import type { GraphEmulator } from '../../../emulators/graph';
import { createGraphClient } from '../../../src/adapters/graph/graph-client';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory';
import { GraphFailure } from '../../../src/adapters/graph/graph-failure';
import { reportMethodKinds } from '../../../src/adapters/graph/report-method-kinds';
import type { UserRegistration } from '../../../src/domain/mfa/user-registration';
import type { DirectoryEntry } from '../../../src/domain/ports/directory';
import { eventually, letTimePass } from '../../support/eventually';
import { collect, directoryOn, SECRET_TOKEN, startEmulator, tenantOf } from './graph-directory-harness';

const TIME_SCALE = 0.001; // the reports window lasts 10 ms
// 450 generated accounts and the demo's 14 scenario people.
const tenant = tenantOf(450);
const { employee, admin } = demoPersonas(tenant);
const enabled = tenant.users.filter((u) => u.accountEnabled);
const groupId = (name: string) => tenant.groups.find((g) => g.displayName === name)!.id;

let graph: GraphEmulator;
beforeAll(async () => {
  graph = await startEmulator(tenant, { timeScale: TIME_SCALE });
});
afterEach(() => graph.reset());
afterAll(() => graph.close());

describe('GraphDirectory.findPerson (the turn path, as create-app builds it)', () => {
  const turnDirectory = () =>
    new GraphDirectory(createGraphClient(graph.url, async () => SECRET_TOKEN, { delaySeconds: 0, maxRetries: 1 }));

  it('finds a person, and nobody for an unknown id', async () => {
    expect(await turnDirectory().findPerson(admin.id)).toEqual({
      id: admin.id,
      displayName: admin.displayName,
      givenName: admin.givenName,
      department: admin.department ?? undefined,
      jobTitle: admin.jobTitle ?? undefined,
    });
    expect(await turnDirectory().findPerson(randomUUID())).toBeUndefined();
  });

  it('turns a lasting outage into a GraphFailure once the client has retried', async () => {
    graph.injectFaults({ count: 5, status: 503, path: /^\/users\// });
    const error = await turnDirectory()
      .findPerson(admin.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphFailure);
    expect(error).toMatchObject({ kind: 'unavailable', status: 503, code: 'serviceNotAvailable' });
    expect((error as Error).message).toMatch(new RegExp(`^Microsoft Graph GET /users/${admin.id} failed: 503 serviceNotAvailable\\. `));
    expect(graph.stats().faults).toBe(2);
  });
});

/** Pages of 100, the last one the rest: how Graph serves `count` people with the manager expanded. */
const pagesOf100 = (count: number): number[] => [
  ...Array<number>(Math.floor(count / 100)).fill(100),
  ...(count % 100 ? [count % 100] : []),
];

describe('GraphDirectory.walkPeople', () => {
  it('follows the next page to the end when Graph answers fewer people than asked for (100 a page with the manager expanded)', async () => {
    const directory = directoryOn(graph, TIME_SCALE);
    const { items, pageSizes } = await collect<DirectoryEntry>((onPage) => directory.walkPeople(onPage));
    expect(pageSizes).toEqual(pagesOf100(tenant.users.length));
    expect(new Set(items.map((e) => e.id))).toEqual(new Set(tenant.users.map((u) => u.id)));
  });

  it('hands over every user exactly once, page by page, with department, job, manager, account state and type', async () => {
    const directory = directoryOn(graph, TIME_SCALE, { pageSize: 100 });
    let stats;
    const { items, pageSizes } = await collect<DirectoryEntry>(async (onPage) => (stats = await directory.walkPeople(onPage)));
    const pages = pagesOf100(tenant.users.length);
    expect(pageSizes).toEqual(pages);
    expect(items.map((e) => e.id).sort()).toEqual(tenant.users.map((u) => u.id).sort());
    expect(stats).toEqual({ pages: pages.length, items: tenant.users.length, requests: pages.length, throttled: 0, transientRetries: 0 });
    for (const user of tenant.users) {
      expect(items.find((e) => e.id === user.id)).toEqual({
        id: user.id,
        userPrincipalName: user.userPrincipalName,
        displayName: user.displayName,
        givenName: user.givenName ?? undefined,
        userType: user.userType === 'Guest' ? 'guest' : 'member',
        accountEnabled: user.accountEnabled,
        department: user.department ?? undefined,
        jobTitle: user.jobTitle ?? undefined,
        managerId: user.managerId ?? undefined,
      });
    }
    expect(items.some((e) => e.managerId) && items.some((e) => !e.accountEnabled) && items.some((e) => e.userType === 'guest')).toBe(true);
    // One request per page: the manager comes with $expand, not one call per user; and no reports budget is spent.
    expect(graph.stats().requestsByService).toMatchObject({ directory: pages.length, reports: 0 });
  });
});

describe('GraphDirectory.walkRegistrations (registration report)', () => {
  it('hands over every enabled user exactly once, with methods mapped, and the newest lastUpdatedDateTime', async () => {
    const directory = directoryOn(graph, TIME_SCALE, { pageSize: 100 });
    let stats;
    const { items } = await collect<UserRegistration>(async (onPage) => (stats = await directory.walkRegistrations(onPage)));
    expect(items).toHaveLength(enabled.length);
    expect(new Set(items.map((r) => r.id))).toEqual(new Set(enabled.map((u) => u.id)));
    for (const user of enabled) {
      const row = toRegistrationDetail(user, '');
      expect(items.find((r) => r.id === user.id)).toMatchObject({
        userPrincipalName: user.userPrincipalName,
        displayName: user.displayName,
        userType: row.userType,
        isAdmin: user.isAdmin,
        isMfaRegistered: row.isMfaRegistered,
        isMfaCapable: row.isMfaCapable,
        methods: reportMethodKinds(row.methodsRegistered),
      });
    }
    expect(stats).toMatchObject({ source: 'report', pages: Math.ceil(enabled.length / 100), items: enabled.length, throttled: 0 });
    // Change one user's methods: that row gets a newer lastUpdatedDateTime, and the walk reports the newest.
    graph.state.enrolAuthenticator(employee.id);
    const after = await directory.walkRegistrations(async () => undefined);
    const employeeRow = (await collect<UserRegistration>((onPage) => directory.walkRegistrations(onPage))).items.find(
      (r) => r.id === employee.id,
    )!;
    expect(after.reportUpdatedAt).toEqual(employeeRow.reportUpdatedAt);
    expect(after.reportUpdatedAt!.getTime()).toBeGreaterThan((stats as unknown as { reportUpdatedAt: Date }).reportUpdatedAt.getTime());
  });

  it('asks for the next page while the handler works on one, and never further ahead', async () => {
    const directory = directoryOn(graph, TIME_SCALE, { pageSize: 50 });
    const route = 'GET /reports/authenticationMethods/userRegistrationDetails';
    const pages = Math.ceil(enabled.length / 50);
    let handled = 0;
    await directory.walkRegistrations(async () => {
      expect(graph.stats().requestsByRoute[route]).toBeLessThanOrEqual(handled + 2);
      // While this (slow) handler works, the next page is asked for (the last page has none)...
      const asked = Math.min(handled + 2, pages);
      await eventually(`page ${asked} was asked for`, () => (graph.stats().requestsByRoute[route] ?? 0) >= asked);
      // ...and nothing beyond it, however long the handler takes.
      await letTimePass(30, 'the walk does not read further ahead while a handler is slow');
      expect(graph.stats().requestsByRoute[route]).toBe(asked);
      handled++;
    });
    expect(handled).toBe(pages);
  });

  it('falls back to reading each person on a tenant without Entra ID P1/P2, says so once, and keeps to it', async () => {
    const unlicensed = await startEmulator(tenant, { timeScale: TIME_SCALE, entraIdPremium: false });
    try {
      const warnings: { details: Record<string, unknown>; message: string }[] = [];
      const directory = directoryOn(unlicensed, TIME_SCALE, {
        log: { warn: (details, message) => warnings.push({ details, message }), info: () => undefined },
      });
      const { items } = await collect<UserRegistration>((onPage) => directory.walkRegistrations(onPage));
      expect(items.map((r) => r.id).sort()).toEqual(enabled.map((u) => u.id).sort());
      expect(directory.reportSource.answer).toBe('refused');
      expect(warnings.map((w) => w.message)).toEqual([
        "Microsoft Graph refused the registration report (it needs Microsoft Entra ID P1 or P2); using each person's methods (the slower per-user mode) from now on",
      ]);
      expect(warnings[0]!.details).toMatchObject({ status: 403, code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant' });
      expect(JSON.stringify(warnings)).not.toContain(SECRET_TOKEN.split('.')[1]);
      // The next scan goes straight to the per-user mode: the report is not asked again.
      const reportRequests = unlicensed.stats().requestsByRoute['GET /reports/authenticationMethods/userRegistrationDetails'];
      expect(await directory.walkRegistrations(async () => undefined)).toMatchObject({ source: 'perUserMethods', items: enabled.length });
      expect(unlicensed.stats().requestsByRoute['GET /reports/authenticationMethods/userRegistrationDetails']).toBe(reportRequests);
      expect(warnings).toHaveLength(1);
    } finally {
      await unlicensed.close();
    }
  });
});

describe('GraphDirectory.currentMethods', () => {
  it('sees a newly enrolled method at once, while the lagging report does not show it yet', async () => {
    const lagging = await startEmulator(tenant, { timeScale: TIME_SCALE, reportLagSeconds: 6 * 3600 });
    try {
      const directory = directoryOn(lagging, TIME_SCALE);
      const reportRow = async () =>
        (await collect<UserRegistration>((onPage) => directory.walkRegistrations(onPage))).items.find((r) => r.id === employee.id)!;
      expect(await directory.currentMethods(employee.id)).toEqual([]);
      lagging.state.enrolAuthenticator(employee.id);
      expect(await directory.currentMethods(employee.id)).toEqual(['authenticatorPush']);
      expect((await reportRow()).methods).toEqual([]);
      lagging.state.refreshReport();
      expect((await reportRow()).methods).toEqual(['authenticatorPush']);
      // Live reads are in the reports budget: they went through the pacer.
      expect(directory.reportsPacer.stats().granted).toBe(lagging.stats().requestsByService.reports);
    } finally {
      await lagging.close();
    }
  });

  it('fails fast, without a request, when told not to queue behind a scan for the reports budget', async () => {
    const directory = directoryOn(graph, TIME_SCALE, { maxPacerWaitMs: 50 });
    directory.reportsPacer.holdFor(60_000); // as a scan that was just told Retry-After would
    const started = performance.now();
    const error = await directory.currentMethods(employee.id).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toMatchObject({ kind: 'busy', attempts: 0 });
    expect((error as Error).message).toMatch(
      /^Microsoft Graph GET \/users\/[^ ]+\/authentication\/methods was not sent: the reports budget \(5 requests per 0\.01 s\) had no room within 50 ms/,
    );
    expect(graph.stats().requests).toBe(0);
  });

  it("maps the admin persona's live methods", async () => {
    expect(await directoryOn(graph, TIME_SCALE).currentMethods(admin.id)).toEqual(
      reportMethodKinds(toRegistrationDetail(admin, '').methodsRegistered),
    );
  });

  it('fails with notFound for someone the directory does not know', async () => {
    await expect(directoryOn(graph, TIME_SCALE).currentMethods(randomUUID())).rejects.toMatchObject({ kind: 'notFound', status: 404 });
  });
});

/**
 * A check of someone against groups or roles: asked about none, it says no without a call to Graph; asked about
 * someone Graph does not know (and `ids` that `known` does hold), it says no too.
 */
function itSaysNoForNoneAndForNobody(
  what: 'groups' | 'roles',
  check: (directory: GraphDirectory, personId: string, ids: string[]) => Promise<boolean>,
  known: string,
  ids: string[],
): void {
  it(`says no, without a call, for no ${what}, and no for an unknown user`, async () => {
    const directory = directoryOn(graph, TIME_SCALE);
    expect(await check(directory, known, [])).toBe(false);
    expect(graph.stats().requests).toBe(0);
    expect(await check(directory, randomUUID(), ids)).toBe(false);
  });
}

describe('GraphDirectory.isMemberOfAny', () => {
  const admins = groupId(MFA_COACH_ADMINS_GROUP);
  const campaigns = groupId(CAMPAIGN_MANAGERS_GROUP);
  const strangers = (n: number) => Array.from({ length: n }, () => randomUUID());

  it('answers from transitive membership', async () => {
    const directory = directoryOn(graph, TIME_SCALE);
    expect(await directory.isMemberOfAny(admin.id, [admins])).toBe(true);
    // "MFA Coach admins" is nested in "Campaign managers".
    expect(await directory.isMemberOfAny(admin.id, [campaigns])).toBe(true);
    expect(await directory.isMemberOfAny(employee.id, [admins, campaigns])).toBe(false);
  });

  it('checks more than 20 groups in calls of 20', async () => {
    const directory = directoryOn(graph, TIME_SCALE);
    expect(await directory.isMemberOfAny(admin.id, [...strangers(45), admins])).toBe(true);
    expect(graph.stats().requestsByRoute['POST /users/{id}/checkMemberGroups']).toBe(3);
    expect(await directory.isMemberOfAny(employee.id, strangers(41))).toBe(false);
    expect(graph.stats().requestsByRoute['POST /users/{id}/checkMemberGroups']).toBe(6);
  });

  itSaysNoForNoneAndForNobody('groups', (directory, personId, ids) => directory.isMemberOfAny(personId, ids), admin.id, [admins]);
});

describe('GraphDirectory.groupMemberIds', () => {
  it('lists the people of a group, with those of nested groups, and no groups', async () => {
    const directory = directoryOn(graph, TIME_SCALE);
    const campaigns = tenant.groups.find((group) => group.id === groupId(CAMPAIGN_MANAGERS_GROUP))!;
    const nested = campaigns.memberGroupIds.flatMap((id) => tenant.groups.find((group) => group.id === id)!.memberIds);
    const members = await directory.groupMemberIds(campaigns.id);
    expect([...members!].sort()).toEqual([...new Set([...campaigns.memberIds, ...nested])].sort());
    expect(members!.has(admin.id)).toBe(true);
    expect([...members!].some((id) => tenant.groups.some((group) => group.id === id))).toBe(false);
  });

  it('says there is no such group for an unknown id', async () => {
    expect(await directoryOn(graph, TIME_SCALE).groupMemberIds(randomUUID())).toBeUndefined();
  });
});

describe('GraphDirectory.holdsAnyRole', () => {
  const roleOf = (userId: string) => tenant.directoryRoles.find((role) => role.memberIds.includes(userId));
  const holder = tenant.users.find((user) => roleOf(user.id))!;
  const heldTemplate = roleOf(holder.id)!.roleTemplateId;
  const otherTemplates = tenant.directoryRoles.filter((role) => !role.memberIds.includes(holder.id)).map((role) => role.roleTemplateId);

  it('answers from the roles a person holds, matched by role template id in any case', async () => {
    const directory = directoryOn(graph, TIME_SCALE);
    expect(await directory.holdsAnyRole(holder.id, [heldTemplate.toUpperCase()])).toBe(true);
    expect(await directory.holdsAnyRole(holder.id, otherTemplates)).toBe(false);
    expect(
      await directory.holdsAnyRole(
        employee.id,
        tenant.directoryRoles.map((role) => role.roleTemplateId),
      ),
    ).toBe(false);
    // The directory service, not the reports budget.
    expect(graph.stats().requestsByService.reports).toBe(0);
  });

  itSaysNoForNoneAndForNobody('roles', (directory, personId, ids) => directory.holdsAnyRole(personId, ids), holder.id, [heldTemplate]);
});

describe('GraphDirectory.registrationSummary', () => {
  it("returns Graph's own totals, mapped onto method kinds", async () => {
    const summary = await directoryOn(graph, TIME_SCALE).registrationSummary();
    const rows = enabled.map((u) => toRegistrationDetail(u, ''));
    expect(summary.totalUsers).toBe(enabled.length);
    expect(summary.mfaCapable).toBe(rows.filter((r) => r.isMfaCapable).length);
    expect(summary.passwordlessCapable).toBe(rows.filter((r) => r.isPasswordlessCapable).length);
    expect(summary.ssprRegistered).toBe(rows.filter((r) => r.isSsprRegistered).length);
    expect(summary.byMethod.authenticatorPush).toBe(rows.filter((r) => r.methodsRegistered.includes('microsoftAuthenticatorPush')).length);
    expect(summary.byMethod.sms).toBe(rows.filter((r) => r.methodsRegistered.includes('mobilePhone')).length);
  });
});
