import { demoPersonas, generateDemoTenant, METHOD_TYPES, methodCategoryOf, toRegistrationDetail } from '../../../emulators/demo-tenant';
import { startGraphEmulator } from '../../../emulators/graph';
import { eventually } from '../../support/eventually';
import { graphFetch, walkPages } from './graph-fetch';
import { useGraphEmulator } from './use-graph-emulator';

const REPORT = '/v1.0/reports/authenticationMethods/userRegistrationDetails';
const tenant = generateDemoTenant({ users: 600 });
const { employee, admin } = demoPersonas(tenant);
const enabled = tenant.users.filter((u) => u.accountEnabled);

// The reports limit (5 per 10 s) is tested in throttling.test.ts; here it would only slow the walk down. Most tests
// read the lenient report ($top, $select and $count served, as some tenants' Graph does); the documented one is below.
const graph = useGraphEmulator({ tenant, throttle: { reports: null }, reportQueryOptions: 'lenient' });
const documented = useGraphEmulator({ tenant, throttle: { reports: null } });

const walkReport = async (query = '') => (await walkPages(graph, `${REPORT}?$top=999${query}`)).items;

describe('GET /reports/authenticationMethods/userRegistrationDetails', () => {
  it('lists every enabled user once and leaves disabled users out, as the docs say', async () => {
    const { items, pages } = await walkPages(graph, `${REPORT}?$top=250`);
    expect(pages).toBe(Math.ceil(enabled.length / 250));
    expect(items.map((r) => r.id).sort()).toEqual(enabled.map((u) => u.id).sort());
    const disabled = tenant.users.find((u) => !u.accountEnabled)!;
    expect((await graphFetch(graph, `${REPORT}/${disabled.id}`)).status).toBe(404);
  });

  it('serves rows equal to toRegistrationDetail of the same user', async () => {
    const rows = await walkReport();
    for (const row of rows.slice(0, 100)) {
      const user = tenant.users.find((u) => u.id === row.id)!;
      expect(row).toEqual(toRegistrationDetail(user, row.lastUpdatedDateTime));
    }
    const single = await graphFetch(graph, `${REPORT}/${admin.id}`);
    expect(single.body).toMatchObject({ id: admin.id, isAdmin: true, isMfaRegistered: true });
  });

  it('pages 100 rows by default', async () => {
    const page = await graphFetch(graph, REPORT);
    expect(page.body['@odata.context']).toBe(`${graph.url}/v1.0/$metadata#reports/authenticationMethods/userRegistrationDetails`);
    expect(page.body.value).toHaveLength(100);
    expect(page.body['@odata.nextLink']).toContain('$skiptoken=');
  });

  it.each([
    ['isMfaRegistered eq false', (r: Row) => !r.isMfaRegistered],
    ['isAdmin eq true', (r: Row) => r.isAdmin],
    ["userType eq 'guest'", (r: Row) => r.userType === 'guest'],
    ["methodsRegistered/any(t: t eq 'mobilePhone')", (r: Row) => r.methodsRegistered.includes('mobilePhone')],
    ["startswith(userPrincipalName,'a')", (r: Row) => r.userPrincipalName.startsWith('a')],
    ["userPreferredMethodForSecondaryAuthentication eq 'sms'", (r: Row) => r.userPreferredMethodForSecondaryAuthentication === 'sms'],
    [
      "isMfaRegistered eq true and methodsRegistered/any(m: m eq 'microsoftAuthenticatorPush')",
      (r: Row) => r.isMfaRegistered && r.methodsRegistered.includes('microsoftAuthenticatorPush'),
    ],
  ])('filters %s', async (filter, pick) => {
    const all = await walkReport();
    const filtered = await walkReport(`&$filter=${encodeURIComponent(filter)}`);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.map((r) => r.id).sort()).toEqual(
      all
        .filter(pick)
        .map((r) => r.id)
        .sort(),
    );
  });

  it.each(["isAdmin eq 'yes'", "methodsRegistered eq 'email'", "userDisplayName gt 'B'", "lastUpdatedDateTime eq '2025-01-01'"])(
    'refuses %s with 400',
    async (filter) => {
      const answer = await graphFetch(graph, `${REPORT}?$filter=${encodeURIComponent(filter)}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toBeTruthy();
    },
  );

  it('orders by userPrincipalName both ways', async () => {
    const asc = (await walkReport('&$orderby=userPrincipalName')).map((r) => r.userPrincipalName.toLowerCase());
    expect(asc).toEqual([...asc].sort());
    const desc = (await walkReport('&$orderby=userPrincipalName desc')).map((r) => r.userPrincipalName.toLowerCase());
    expect(desc).toEqual([...asc].reverse());
    expect((await graphFetch(graph, `${REPORT}?$orderby=isAdmin`)).status).toBe(400);
  });

  it('selects fields', async () => {
    const page = await graphFetch(graph, `${REPORT}?$top=5&$select=id,isMfaRegistered,methodsRegistered`);
    for (const row of page.body.value) expect(Object.keys(row).sort()).toEqual(['id', 'isMfaRegistered', 'methodsRegistered']);
  });
});

describe('the registration report as Microsoft documents it (the default)', () => {
  it.each(['$top=999', '$select=id,methodsRegistered', '$count=true'])(
    'refuses %s with 400: the v1.0 page documents $filter and $orderby only',
    async (option) => {
      const answer = await graphFetch(documented, `${REPORT}?${option}`, { headers: { ConsistencyLevel: 'eventual' } });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain(option.split('=')[0]);
    },
  );

  it('serves $filter and $orderby, and pages of 100 followed by nextLink to the end', async () => {
    const { items, pages } = await walkPages(documented, `${REPORT}?$orderby=userPrincipalName`);
    expect(pages).toBe(Math.ceil(enabled.length / 100));
    const upns = items.map((r) => r.userPrincipalName.toLowerCase());
    expect(upns).toEqual([...upns].sort());
    expect(new Set(items.map((r) => r.id))).toEqual(new Set(enabled.map((u) => u.id)));
    const admins = (await walkPages(documented, `${REPORT}?$filter=isAdmin eq true`)).items;
    expect(admins.map((r) => r.id)).toContain(admin.id);
    expect(admins.every((r) => r.isAdmin === true)).toBe(true);
  });
});

describe('live methods and the report', () => {
  it('shows the unenrolled employee with only a password in /authentication/methods', async () => {
    const methods = await graphFetch(graph, `/v1.0/users/${employee.id}/authentication/methods`);
    expect(methods.status).toBe(200);
    expect(methods.body.value).toEqual([
      { '@odata.type': METHOD_TYPES.password, id: '28c10230-6103-485e-b985-444c60001490', password: null, createdDateTime: null },
    ]);
    const row = await graphFetch(graph, `${REPORT}/${employee.id}`);
    expect(row.body).toMatchObject({ isMfaRegistered: false, methodsRegistered: [] });
  });

  it('reflects an enrolment in the live methods and, without lag, in the report', async () => {
    graph.state.enrolAuthenticator(employee.id);
    const methods = await graphFetch(graph, `/v1.0/users/${employee.id}/authentication/methods`);
    expect(methods.body.value.map((m: { '@odata.type': string }) => m['@odata.type'])).toContain(METHOD_TYPES.microsoftAuthenticator);
    const typed = await graphFetch(graph, `/v1.0/users/${employee.id}/authentication/microsoftAuthenticatorMethods`);
    expect(typed.body.value).toHaveLength(1);
    expect(typed.body.value[0]['@odata.type']).toBeUndefined();
    const row = await graphFetch(graph, `${REPORT}/${employee.id}`);
    expect(row.body).toMatchObject({ isMfaRegistered: true, methodsRegistered: ['microsoftAuthenticatorPush'] });
    expect(Date.parse(row.body.lastUpdatedDateTime)).toBeGreaterThan(Date.now() - 60_000);
    graph.reset();
    expect((await graphFetch(graph, `${REPORT}/${employee.id}`)).body.isMfaRegistered).toBe(false);
  });

  it('keeps the report stale for reportLagSeconds while the live API is current', async () => {
    const LAG_MS = 360; // 3600 s at timeScale 0.0001
    const lagged = await startGraphEmulator({ tenant, throttle: { reports: null }, reportLagSeconds: 3600, timeScale: 0.0001 });
    try {
      const changedAt = Date.now();
      lagged.addMethod(employee.id, { '@odata.type': METHOD_TYPES.softwareOath, id: 'oath-1', secretKey: null });
      expect((await graphFetch(lagged, `/v1.0/users/${employee.id}/authentication/softwareOathMethods`)).body.value).toHaveLength(1);
      expect((await graphFetch(lagged, `${REPORT}/${employee.id}`)).body.isMfaRegistered).toBe(false);
      const shownAt = await eventually(
        'the report shows the new method',
        async () => (await graphFetch(lagged, `${REPORT}/${employee.id}`)).body.isMfaRegistered === true && Date.now(),
      );
      // Not before the lag has passed: the report stayed stale that long.
      expect(shownAt - changedAt).toBeGreaterThanOrEqual(LAG_MS);
      lagged.state.removeMethod(employee.id, 'oath-1');
      expect((await graphFetch(lagged, `${REPORT}/${employee.id}`)).body.isMfaRegistered).toBe(true);
      lagged.state.refreshReport();
      expect((await graphFetch(lagged, `${REPORT}/${employee.id}`)).body.isMfaRegistered).toBe(false);
    } finally {
      await lagged.close();
    }
  });

  it('answers 404 for the methods of an unknown user and for an unknown method id', async () => {
    expect((await graphFetch(graph, '/v1.0/users/nobody@contoso-demo.example/authentication/methods')).status).toBe(404);
    expect((await graphFetch(graph, `/v1.0/users/${admin.id}/authentication/methods/not-a-method`)).status).toBe(404);
    const fido = admin.methods.find((m) => m['@odata.type'] === METHOD_TYPES.fido2)!;
    expect((await graphFetch(graph, `/v1.0/users/${admin.id}/authentication/methods/${fido.id}`)).body.model).toBeTruthy();
  });
});

describe('summaries', () => {
  it('usersRegisteredByFeature counts enabled users by feature, with and without arguments', async () => {
    const withArgs = await graphFetch(
      graph,
      "/v1.0/reports/authenticationMethods/usersRegisteredByFeature(includedUserTypes='all',includedUserRoles='all')",
    );
    const bare = await graphFetch(graph, '/v1.0/reports/authenticationMethods/usersRegisteredByFeature()');
    expect(withArgs.status).toBe(200);
    expect(bare.body.userRegistrationFeatureCounts).toEqual(withArgs.body.userRegistrationFeatureCounts);
    expect(withArgs.body).toMatchObject({ totalUserCount: enabled.length, userTypes: 'all', userRoles: 'all' });
    const features = Object.fromEntries(
      withArgs.body.userRegistrationFeatureCounts.map((c: { feature: string; userCount: number }) => [c.feature, c.userCount]),
    );
    expect(Object.keys(features).sort()).toEqual(['mfaCapable', 'passwordlessCapable', 'ssprCapable', 'ssprEnabled', 'ssprRegistered']);
    expect(features.mfaCapable).toBe(enabled.filter((u) => !['none', 'email'].includes(methodCategoryOf(u.methods))).length);
  });

  it('usersRegisteredByMethod counts per report method name, filtered by role', async () => {
    const all = await graphFetch(
      graph,
      "/v1.0/reports/authenticationMethods/usersRegisteredByMethod(includedUserTypes='member',includedUserRoles='all')",
    );
    const counts = Object.fromEntries(
      all.body.userRegistrationMethodCounts.map((c: { authenticationMethod: string; userCount: number }) => [
        c.authenticationMethod,
        c.userCount,
      ]),
    );
    expect(counts.password).toBe(enabled.filter((u) => u.userType === 'Member').length);
    expect(counts.mobilePhone).toBeGreaterThan(0);
    const admins = await graphFetch(
      graph,
      "/v1.0/reports/authenticationMethods/usersRegisteredByMethod(includedUserTypes='all',includedUserRoles='admin')",
    );
    expect(admins.body.totalUserCount).toBe(enabled.filter((u) => u.isAdmin).length);
    const privileged = await graphFetch(
      graph,
      "/v1.0/reports/authenticationMethods/usersRegisteredByMethod(includedUserRoles='privilegedAdmin')",
    );
    expect(privileged.body.totalUserCount).toBeLessThan(admins.body.totalUserCount);
    expect(
      (await graphFetch(graph, "/v1.0/reports/authenticationMethods/usersRegisteredByMethod(includedUserTypes='robots')")).status,
    ).toBe(400);
  });
});

type Row = {
  isMfaRegistered: boolean;
  isAdmin: boolean;
  userType: string;
  methodsRegistered: string[];
  userPrincipalName: string;
  userPreferredMethodForSecondaryAuthentication: string;
};
