import { CAMPAIGN_MANAGERS_GROUP, demoPersonas } from '../../../emulators/demo-tenant';
import type { GraphEmulator } from '../../../emulators/graph';
import { GraphFailure } from '../../../src/adapters/graph/graph-failure';
import type { DirectoryLog } from '../../../src/adapters/graph/graph-directory-options';
import { collect, directoryOn, startEmulator, tenantOf } from './graph-directory-harness';

const TIME_SCALE = 0.001; // the reports window lasts 10 ms
const tenant = tenantOf(450);
const { admin } = demoPersonas(tenant);
const enabled = tenant.users.filter((u) => u.accountEnabled);
const REPORT_ROUTE = 'GET /reports/authenticationMethods/userRegistrationDetails';
/** Global Administrator's role template id. */
const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';

/** Graph's registration report as Microsoft documents it for v1.0: `$filter` and `$orderby`, nothing else. */
let documented: GraphEmulator;
/** A Graph that also takes `$top` and `$select` on it. */
let lenient: GraphEmulator;
beforeAll(async () => {
  documented = await startEmulator(tenant, { timeScale: TIME_SCALE, reportQueryOptions: 'documented' });
  lenient = await startEmulator(tenant, { timeScale: TIME_SCALE, reportQueryOptions: 'lenient' });
});
afterEach(() => {
  documented.reset();
  lenient.reset();
});
afterAll(async () => {
  await documented.close();
  await lenient.close();
});

function recordingLog(): DirectoryLog & { warnings: string[]; news: string[] } {
  const warnings: string[] = [];
  const news: string[] = [];
  return { warnings, news, warn: (_details, message) => warnings.push(message), info: (_details, message) => news.push(message) };
}

describe('the registration report: $select and $top are tried once, the documented form is kept when refused', () => {
  it('falls back on 400, reads pages of 100 to the end, and says so once', async () => {
    const log = recordingLog();
    const directory = directoryOn(documented, TIME_SCALE, { log });
    const { items, pageSizes } = await collect((onPage) => directory.walkRegistrations(onPage));
    expect(items.map((r) => r.id).sort()).toEqual(enabled.map((u) => u.id).sort());
    expect(pageSizes.every((size) => size <= 100)).toBe(true);
    expect(pageSizes).toHaveLength(Math.ceil(enabled.length / 100));
    // One refused probe, then the documented form (no options at all) page by page.
    expect(documented.stats().formsByRoute[REPORT_ROUTE]).toEqual(['$select&$top', '']);
    expect(documented.stats().requestsByRoute[REPORT_ROUTE]).toBe(1 + Math.ceil(enabled.length / 100));
    expect(directory.reportForm.answer).toBe('refused');
    // Told once, as news: Microsoft documents neither option for the report, so a refusal is no fault to chase.
    expect(log.news).toEqual([expect.stringContaining("refused the registration report's $select and $top")]);
    expect(log.warnings).toEqual([]);
  });

  it('remembers the refusal: the next scan sends no probe and logs nothing', async () => {
    const log = recordingLog();
    const directory = directoryOn(documented, TIME_SCALE, { log });
    await directory.walkRegistrations(async () => undefined);
    documented.reset();
    const stats = await directory.walkRegistrations(async () => undefined);
    expect(documented.stats().formsByRoute[REPORT_ROUTE]).toEqual(['']);
    expect(stats).toMatchObject({ items: enabled.length, requests: Math.ceil(enabled.length / 100) });
    expect(log.news).toHaveLength(1);
  });

  it('keeps $select and $top where Graph takes them: 999 a page, nothing logged', async () => {
    const log = recordingLog();
    const directory = directoryOn(lenient, TIME_SCALE, { log });
    const stats = await directory.walkRegistrations(async () => undefined);
    expect(stats).toMatchObject({ items: enabled.length, pages: 1, requests: 1 });
    expect(lenient.stats().formsByRoute[REPORT_ROUTE]).toEqual(['$select&$top']);
    expect(directory.reportForm.answer).toBe('accepted');
    expect([...log.warnings, ...log.news]).toEqual([]);
  });

  it('does not fall back on a 400 after the first page: pages already handed over are not read twice', async () => {
    const directory = directoryOn(lenient, TIME_SCALE, { pageSize: 100 });
    lenient.injectFaults({ count: 1, status: 400, path: /userRegistrationDetails\?.*skiptoken/ });
    const handed: string[] = [];
    const error = await directory.walkRegistrations(async (page) => void handed.push(...page.map((r) => r.id))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphFailure);
    expect((error as GraphFailure).kind).toBe('badRequest');
    expect(handed).toHaveLength(100);
    expect(lenient.stats().formsByRoute[REPORT_ROUTE]).toEqual(['$select&$top']);
  });

  it('passes on a 400 of the documented form itself: no endless retry', async () => {
    const directory = directoryOn(documented, TIME_SCALE);
    documented.injectFaults({ count: 2, status: 400, path: /userRegistrationDetails/ });
    await expect(directory.walkRegistrations(async () => undefined)).rejects.toMatchObject({ kind: 'badRequest' });
    expect(documented.stats().requestsByRoute[REPORT_ROUTE]).toBe(2);
  });
});

/**
 * Every call the bot makes, in the form it sends, against Microsoft's v1.0 pages (the documented options in the
 * comment). A form not in this table fails the test: add it only with the page that documents it.
 */
const DOCUMENTED_FORMS: Record<string, string[]> = {
  // user-list: $count, $expand, $filter, $orderby, $search, $select, $top (≤ 999; 100 a page with $expand).
  'GET /users': ['$expand&$select&$top', '$filter&$select&$top'],
  // user-get: $select.
  'GET /users/{id}': ['$select'],
  // authenticationmethodsroot-list-userregistrationdetails: $filter, $orderby ($select&$top is the remembered probe).
  [REPORT_ROUTE]: ['$select&$top', ''],
  'GET /reports/authenticationMethods/usersRegisteredByFeature{call}': [''],
  'GET /reports/authenticationMethods/usersRegisteredByMethod{call}': [''],
  // authentication-list-methods: no options.
  'GET /users/{id}/authentication/methods': [''],
  // user-list-transitivememberof: a type cast is an advanced query (ConsistencyLevel: eventual with $count=true).
  'GET /users/{id}/transitiveMemberOf/{cast}': ['$count&$select +ConsistencyLevel'],
  // directoryobject-checkmembergroups: no options.
  'POST /users/{id}/checkMemberGroups': [''],
  // group-list-transitivemembers: $select, $top among others.
  'GET /groups/{id}/transitiveMembers': ['$select&$top'],
  // directoryrole-list: no options; directoryrole-list-members: $select.
  'GET /directoryRoles': [''],
  'GET /directoryRoles/{id}/members': ['$select'],
  // user-get-mailboxsettings: the property path, no options.
  'GET /users/{id}/mailboxSettings/timeZone': [''],
};

describe('each Graph call is sent only in a documented form', () => {
  it('holds for a scan in both modes, the summary, the admin checks, a recheck and a time zone', async () => {
    const directory = directoryOn(documented, TIME_SCALE);
    const perUser = directoryOn(documented, TIME_SCALE, { registrationSource: 'perUserMethods', reportsPacer: directory.reportsPacer });
    await directory.walkPeople(async () => undefined);
    await directory.walkRegistrations(async () => undefined);
    await perUser.walkRegistrations(async () => undefined);
    await directory.registrationSummary();
    await directory.findPerson(admin.id);
    await directory.holdsAnyRole(admin.id, [GLOBAL_ADMINISTRATOR]);
    await directory.isMemberOfAny(admin.id, [tenant.groups.find((g) => g.displayName === CAMPAIGN_MANAGERS_GROUP)!.id]);
    await directory.groupMemberIds(tenant.groups[0]!.id);
    await directory.currentMethods(admin.id);
    await directory.timeZoneOf(admin.id);
    const sent = Object.entries(documented.stats().formsByRoute).flatMap(([route, forms]) => forms.map((form) => `${route} ?${form}`));
    expect(
      sent.filter((call) => !Object.entries(DOCUMENTED_FORMS).some(([route, forms]) => forms.some((f) => call === `${route} ?${f}`))),
    ).toEqual([]);
    // Every call of the table was made: the list above did not pass by being empty.
    expect(Object.keys(documented.stats().formsByRoute).sort()).toEqual(Object.keys(DOCUMENTED_FORMS).sort());
    expect(documented.stats().throttled).toBe(0);
  });
});
