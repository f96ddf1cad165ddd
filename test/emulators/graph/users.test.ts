import { demoPersonas, generateDemoTenant } from '../../../emulators/demo-tenant';
import { graphFetch, walkPages } from './graph-fetch';
import { useGraphEmulator } from './use-graph-emulator';

const tenant = generateDemoTenant({ users: 500 });
const { employee, admin } = demoPersonas(tenant);

const graph = useGraphEmulator({ tenant });

describe('GET /users', () => {
  it('pages 100 at a time by default, with an absolute nextLink on the emulator origin', async () => {
    const page = await graphFetch(graph, '/v1.0/users');
    expect(page.status).toBe(200);
    expect(page.body['@odata.context']).toBe(`${graph.url}/v1.0/$metadata#users`);
    expect(page.body.value).toHaveLength(100);
    expect(page.body['@odata.nextLink']).toMatch(new RegExp(`^${graph.url}/v1\\.0/users\\?.*\\$skiptoken=`));
  });

  it('walks every user exactly once across pages', async () => {
    const { items, pages } = await walkPages(graph, '/v1.0/users?$top=37&$select=id');
    expect(pages).toBe(Math.ceil(tenant.users.length / 37));
    expect(items).toHaveLength(tenant.users.length);
    expect(new Set(items.map((u) => u.id))).toEqual(new Set(tenant.users.map((u) => u.id)));
  });

  it('serves the next page to a client that keeps only the path of the nextLink', async () => {
    const first = await graphFetch(graph, '/v1.0/users?$top=5&$select=id');
    const link = new URL(first.body['@odata.nextLink']);
    const second = await graphFetch(graph, link.pathname + link.search);
    expect(second.status).toBe(200);
    expect(second.body.value.map((u: { id: string }) => u.id)).toEqual(tenant.users.slice(5, 10).map((u) => u.id));
  });

  it('serves the path Graph JS SDK 3 makes of an absolute http nextLink, and only for its own origin', async () => {
    const first = await graphFetch(graph, '/v1.0/users?$top=5&$select=id');
    const mangled = await graphFetch(graph, `/v1.0/${first.body['@odata.nextLink']}`);
    expect(mangled.status).toBe(200);
    expect(mangled.body.value[0].id).toBe(tenant.users[5]!.id);
    const foreign = await graphFetch(graph, '/v1.0/http://127.0.0.2:1/v1.0/users');
    expect(foreign.status).toBe(501);
  });

  it('refuses $top above 999', async () => {
    expect((await graphFetch(graph, '/v1.0/users?$top=999')).status).toBe(200);
    const tooBig = await graphFetch(graph, '/v1.0/users?$top=1000');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.message).toMatch(/page size/i);
  });

  it("returns Graph's default properties without $select (no department, no accountEnabled)", async () => {
    const page = await graphFetch(graph, '/v1.0/users?$top=1');
    expect(Object.keys(page.body.value[0]).sort()).toEqual([
      'businessPhones',
      'displayName',
      'givenName',
      'id',
      'jobTitle',
      'mail',
      'mobilePhone',
      'officeLocation',
      'preferredLanguage',
      'surname',
      'userPrincipalName',
    ]);
  });

  it('returns only the selected properties with $select', async () => {
    const page = await graphFetch(graph, '/v1.0/users?$top=3&$select=id,department,accountEnabled,userType');
    expect(page.body['@odata.context']).toMatch(/#users\(id,department,accountEnabled,userType\)$/);
    for (const u of page.body.value) expect(Object.keys(u).sort()).toEqual(['accountEnabled', 'department', 'id', 'userType']);
    const withoutId = await graphFetch(graph, '/v1.0/users?$top=1&$select=displayName');
    expect(Object.keys(withoutId.body.value[0])).toEqual(['displayName']);
    expect((await graphFetch(graph, '/v1.0/users?$select=shoeSize')).status).toBe(400);
  });

  describe('$filter', () => {
    const ids = async (filter: string) =>
      (await walkPages(graph, `/v1.0/users?$top=999&$select=id&$filter=${encodeURIComponent(filter)}`)).items.map((u) => u.id).sort();
    const expected = (pick: (u: (typeof tenant.users)[number]) => boolean) =>
      tenant.users
        .filter(pick)
        .map((u) => u.id)
        .sort();

    it('supports id eq, userPrincipalName eq (any case) and id in (…)', async () => {
      expect(await ids(`id eq '${employee.id}'`)).toEqual([employee.id]);
      expect(await ids(`userPrincipalName eq '${admin.userPrincipalName.toUpperCase()}'`)).toEqual([admin.id]);
      expect(await ids(`id in ('${employee.id}','${admin.id}')`)).toEqual([employee.id, admin.id].sort());
    });

    it('supports department eq, accountEnabled eq, userType eq and startswith(displayName, …)', async () => {
      expect(await ids("department eq 'Internal Audit'")).toEqual(expected((u) => u.department === 'Internal Audit'));
      const disabled = await ids('accountEnabled eq false');
      expect(disabled.length).toBeGreaterThan(0);
      expect(disabled).toEqual(expected((u) => !u.accountEnabled));
      expect(await ids("userType eq 'Guest'")).toEqual(expected((u) => u.userType === 'Guest'));
      expect(await ids("startswith(displayName,'A')")).toEqual(expected((u) => u.displayName.startsWith('A')));
    });

    it('combines clauses with and / or', async () => {
      expect(await ids("accountEnabled eq true and userType eq 'Member' and department eq 'Sales'")).toEqual(
        expected((u) => u.accountEnabled && u.userType === 'Member' && u.department === 'Sales'),
      );
      expect(await ids("department eq 'Legal' or department eq 'Internal Audit'")).toEqual(
        expected((u) => u.department === 'Legal' || u.department === 'Internal Audit'),
      );
    });

    it.each([
      ["department ne 'Sales'", /ne/],
      ["endswith(mail,'.example')", /endswith/],
      ["not(department eq 'Sales')", /not/],
      ["shoeSize eq '42'", /shoeSize/],
      ["department eq 'Sales", /unterminated/],
      ['accountEnabled eq 1', /boolean/],
      ["department gt 'A'", /gt/],
    ])('refuses %s with a 400 in Graph error shape', async (filter, message) => {
      const answer = await graphFetch(graph, `/v1.0/users?$filter=${encodeURIComponent(filter)}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toMatch(/BadRequest|Request_UnsupportedQuery/);
      expect(answer.body.error.message).toMatch(message);
      expect(answer.body.error.innerError['request-id']).toBeTruthy();
    });
  });

  it('refuses query options it does not serve instead of ignoring them', async () => {
    expect((await graphFetch(graph, '/v1.0/users?$search="displayName:Ana"')).status).toBe(400);
    expect((await graphFetch(graph, '/v1.0/users?$skip=10')).status).toBe(400);
  });

  it('counts with $count=true only under ConsistencyLevel: eventual', async () => {
    const counted = await graphFetch(graph, "/v1.0/users?$count=true&$top=1&$filter=userType eq 'Guest'", {
      headers: { ConsistencyLevel: 'eventual' },
    });
    expect(counted.status).toBe(200);
    expect(counted.body['@odata.count']).toBe(tenant.users.filter((u) => u.userType === 'Guest').length);
    expect((await graphFetch(graph, '/v1.0/users?$count=true')).status).toBe(400);
  });

  it('sorts by displayName, but a filtered sort needs an advanced query', async () => {
    const sorted = await graphFetch(graph, '/v1.0/users?$orderby=displayName&$top=50&$select=displayName');
    const names = sorted.body.value.map((u: { displayName: string }) => u.displayName.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect((await graphFetch(graph, "/v1.0/users?$orderby=displayName&$filter=userType eq 'Member'")).status).toBe(400);
    const advanced = await graphFetch(graph, "/v1.0/users?$orderby=displayName&$filter=userType eq 'Member'&$count=true", {
      headers: { ConsistencyLevel: 'eventual' },
    });
    expect(advanced.status).toBe(200);
  });

  it('expands the manager, at most 100 people a page whatever $top asks (as Graph does with $expand), to the last page', async () => {
    const first = '/v1.0/users?$top=999&$select=id,displayName&$expand=manager($select=id,displayName)';
    const page = await graphFetch(graph, first);
    expect(page.body.value).toHaveLength(100);
    expect(page.body['@odata.nextLink']).toContain('$expand=manager');
    const { items, pages } = await walkPages(graph, first);
    expect(pages).toBe(Math.ceil(tenant.users.length / 100));
    expect(new Set(items.map((u: { id: string }) => u.id))).toEqual(new Set(tenant.users.map((u) => u.id)));
    const withManager = items.filter((u: { manager?: unknown }) => u.manager);
    expect(withManager.length).toBe(tenant.users.filter((u) => u.managerId).length);
    const row = items.find((u: { id: string }) => u.id === employee.id);
    expect(row.manager).toEqual({
      '@odata.type': '#microsoft.graph.user',
      id: employee.managerId,
      displayName: tenant.users.find((u) => u.id === employee.managerId)!.displayName,
    });
    // A smaller $top is kept; without $expand, $top up to 999 is kept.
    expect((await graphFetch(graph, '/v1.0/users?$top=20&$select=id&$expand=manager')).body.value).toHaveLength(20);
    expect((await graphFetch(graph, '/v1.0/users?$top=999&$select=id')).body.value).toHaveLength(tenant.users.length);
  });
});

describe('GET /users/{id | userPrincipalName}', () => {
  it('finds a user by id or by UPN, including a guest UPN with #EXT#', async () => {
    const byId = await graphFetch(graph, `/v1.0/users/${employee.id}?$select=id,department,jobTitle`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: employee.id, department: employee.department, jobTitle: employee.jobTitle });
    expect(byId.body['@odata.context']).toMatch(/\/\$entity$/);
    const guest = tenant.users.find((u) => u.userType === 'Guest')!;
    const byUpn = await graphFetch(graph, `/v1.0/users/${encodeURIComponent(guest.userPrincipalName)}?$select=id,userType`);
    expect(byUpn.body).toMatchObject({ id: guest.id, userType: 'Guest' });
  });

  it('answers 404 Request_ResourceNotFound for an unknown user', async () => {
    const missing = await graphFetch(graph, '/v1.0/users/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('Request_ResourceNotFound');
  });

  it('returns the manager, and 404 for the CEO who has none', async () => {
    const manager = await graphFetch(graph, `/v1.0/users/${employee.id}/manager?$select=id,jobTitle`);
    expect(manager.status).toBe(200);
    expect(manager.body).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: employee.managerId });
    const ceo = tenant.users.find((u) => u.userType === 'Member' && u.managerId === null)!;
    expect((await graphFetch(graph, `/v1.0/users/${ceo.id}/manager`)).status).toBe(404);
  });

  it("returns mailboxSettings with the user's Windows time zone, and 404 for a guest without a mailbox", async () => {
    const settings = await graphFetch(graph, `/v1.0/users/${employee.id}/mailboxSettings`);
    expect(settings.status).toBe(200);
    expect(settings.body.timeZone).toBe(employee.timeZone);
    expect(settings.body.workingHours.timeZone.name).toBe(employee.timeZone);
    expect(settings.body.language.locale).toBe(employee.preferredLanguage);
    const zone = await graphFetch(graph, `/v1.0/users/${employee.id}/mailboxSettings/timeZone`);
    expect(zone.body.value).toBe(employee.timeZone);
    const guest = tenant.users.find((u) => u.userType === 'Guest')!;
    const none = await graphFetch(graph, `/v1.0/users/${guest.id}/mailboxSettings`);
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('MailboxNotEnabledForRESTAPI');
  });
});
