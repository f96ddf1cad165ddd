import {
  CAMPAIGN_MANAGERS_GROUP,
  demoPersonas,
  DEPARTMENTS,
  generateDemoTenant,
  MFA_COACH_ADMINS_GROUP,
  methodCategoryOf,
  SCENARIO_PLANS,
  type DemoTenant,
  type MethodCategory,
} from '../../../emulators/demo-tenant';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('generateDemoTenant', () => {
  const tenant = generateDemoTenant();

  it('gives the same tenant for the same seed and size, and a different one for another seed', () => {
    expect(JSON.stringify(generateDemoTenant({ seed: 'mfa-coach-demo', users: 500 }))).toBe(JSON.stringify(tenant));
    const other = generateDemoTenant({ seed: 'another-seed', users: 500 });
    expect(other.tenantId).not.toBe(tenant.tenantId);
    expect(other.users.map((u) => u.id)).not.toEqual(tenant.users.map((u) => u.id));
  });

  it('keeps tenant-level ids stable when only the user count changes', () => {
    const bigger = generateDemoTenant({ users: 800 });
    expect(bigger.tenantId).toBe(tenant.tenantId);
    expect(bigger.teamsAppId).toBe(tenant.teamsAppId);
    expect(bigger.groups.map((g) => g.id)).toEqual(tenant.groups.map((g) => g.id));
  });

  it('defaults to 500 generated users, then the scenario cast, on a reserved .example domain with GUID ids', () => {
    const total = 500 + SCENARIO_PLANS.length;
    expect(tenant.users).toHaveLength(total);
    expect(generateDemoTenant({ scenarioPeople: false }).users).toHaveLength(500);
    expect(tenant.domain).toMatch(/\.example$/);
    expect(tenant.tenantId).toMatch(GUID);
    expect(tenant.teamsAppId).toMatch(GUID);
    expect(new Set(tenant.users.map((u) => u.id)).size).toBe(total);
    expect(new Set(tenant.users.map((u) => u.userPrincipalName.toLowerCase())).size).toBe(total);
    for (const u of tenant.users) {
      expect(u.id).toMatch(GUID);
      expect(u.userPrincipalName.endsWith(`@${tenant.domain}`)).toBe(true);
    }
  });

  it('has about ten departments of varied sizes, one with fewer than five people', () => {
    const sizes = departmentSizes(tenant);
    expect(sizes.size).toBeGreaterThanOrEqual(10);
    expect([...sizes.values()].some((n) => n < 5)).toBe(true);
    expect(Math.max(...sizes.values())).toBeGreaterThan(5 * Math.min(...sizes.values()));
  });

  it('builds a manager tree: one CEO, every other member reports up to the CEO without cycles', () => {
    const byId = new Map(tenant.users.map((u) => [u.id, u]));
    const members = tenant.users.filter((u) => u.userType === 'Member');
    const roots = members.filter((u) => u.managerId === null);
    expect(roots).toHaveLength(1);
    const ceo = roots[0]!;
    expect(ceo.jobTitle).toBe('Chief Executive Officer');
    for (const u of members) {
      let cursor = u;
      for (let hops = 0; cursor.managerId !== null; hops++) {
        expect(hops).toBeLessThan(20);
        cursor = byId.get(cursor.managerId)!;
        expect(cursor).toBeDefined();
      }
      expect(cursor.id).toBe(ceo.id);
    }
    // department heads report to the CEO directly
    const heads = members.filter((u) => u.managerId === ceo.id && u.department !== ceo.department);
    expect(heads.length).toBeGreaterThanOrEqual(8);
  });

  it('mixes Windows time zone names, a few guests in #EXT# form, a few disabled accounts and admins', () => {
    const zones = new Set(tenant.users.map((u) => u.timeZone).filter((z) => z !== null));
    for (const zone of [
      'Pacific Standard Time',
      'W. Europe Standard Time',
      'GMT Standard Time',
      'India Standard Time',
      'AUS Eastern Standard Time',
    ]) {
      expect(zones).toContain(zone);
    }
    const guests = tenant.users.filter((u) => u.userType === 'Guest');
    expect(guests.length).toBeGreaterThan(0);
    expect(guests.length).toBeLessThan(25);
    for (const g of guests) expect(g.userPrincipalName).toMatch(/^[a-z0-9.]+_[a-z]+\.example#EXT#@contoso-demo\.example$/);
    const disabled = tenant.users.filter((u) => !u.accountEnabled);
    expect(disabled.length).toBeGreaterThan(0);
    expect(disabled.length).toBeLessThan(30);
    const admins = tenant.users.filter((u) => u.isAdmin);
    expect(admins.length).toBeGreaterThanOrEqual(5);
    expect(admins.every((a) => a.adminRole !== null)).toBe(true);
  });

  it('includes admins without strong MFA', () => {
    const admins = tenant.users.filter((u) => u.isAdmin);
    const weak = admins.filter((a) => !['phishingResistant', 'microsoftAuthenticator'].includes(methodCategoryOf(a.methods)));
    expect(weak.length).toBeGreaterThan(0);
    expect(weak.length).toBeLessThan(admins.length);
  });

  it('exposes an unenrolled employee and a strongly enrolled admin persona', () => {
    const { employee, admin } = demoPersonas(tenant);
    expect(employee.id).not.toBe(admin.id);
    expect(employee.accountEnabled && admin.accountEnabled).toBe(true);
    expect(employee.userType).toBe('Member');
    expect(employee.isAdmin).toBe(false);
    expect(employee.managerId).not.toBeNull();
    expect(methodCategoryOf(employee.methods)).toBe('none');
    expect(admin.isAdmin).toBe(true);
    expect(methodCategoryOf(admin.methods)).toBe('phishingResistant');
    const adminsGroup = tenant.groups.find((g) => g.displayName === MFA_COACH_ADMINS_GROUP)!;
    const campaignGroup = tenant.groups.find((g) => g.displayName === CAMPAIGN_MANAGERS_GROUP)!;
    expect(adminsGroup.memberIds).toContain(admin.id);
    expect(adminsGroup.memberIds).not.toContain(employee.id);
    expect(campaignGroup.memberGroupIds).toContain(adminsGroup.id);
    expect(campaignGroup.memberIds.length).toBeGreaterThan(0);
  });

  it('always stores a password method for members, in Graph method shapes', () => {
    for (const u of tenant.users.filter((x) => x.userType === 'Member')) {
      expect(u.methods[0]).toMatchObject({
        '@odata.type': '#microsoft.graph.passwordAuthenticationMethod',
        id: '28c10230-6103-485e-b985-444c60001490',
      });
      for (const m of u.methods) {
        expect(m['@odata.type']).toMatch(/^#microsoft\.graph\.\w+AuthenticationMethod$/);
        expect(typeof m.id).toBe('string');
      }
    }
    const phones = tenant.users.flatMap((u) => u.methods).filter((m) => m['@odata.type'] === '#microsoft.graph.phoneAuthenticationMethod');
    expect(new Set(phones.map((p) => ('phoneType' in p ? p.phoneType : '')))).toEqual(new Set(['mobile', 'alternateMobile', 'office']));
  });

  it('refuses a tenant too small to hold the personas, and still works at the minimum', () => {
    expect(() => generateDemoTenant({ users: 9 })).toThrow(RangeError);
    const tiny = generateDemoTenant({ users: 10 });
    const { employee, admin } = demoPersonas(tiny);
    expect(employee.id).not.toBe(admin.id);
    expect(methodCategoryOf(employee.methods)).toBe('none');
  });
});

describe('generateDemoTenant at 100,000 users', () => {
  let tenant: DemoTenant;
  let elapsedMs = 0;

  beforeAll(() => {
    const started = performance.now();
    tenant = generateDemoTenant({ users: 100_000 });
    elapsedMs = performance.now() - started;
  });

  it('generates in a couple of seconds', () => {
    expect(tenant.users).toHaveLength(100_000 + SCENARIO_PLANS.length);
    // Typically about 2 s on a 2-core machine; the bound leaves room for a loaded CI worker.
    expect(elapsedMs).toBeLessThan(8_000);
  });

  it('has the documented registration mix among members (within 1.5 points)', () => {
    const members = tenant.users.filter((u) => u.userType === 'Member');
    const counts = new Map<MethodCategory, number>();
    for (const u of members) counts.set(methodCategoryOf(u.methods), (counts.get(methodCategoryOf(u.methods)) ?? 0) + 1);
    const share = (c: MethodCategory) => (100 * (counts.get(c) ?? 0)) / members.length;
    expect(Math.abs(share('microsoftAuthenticator') - 45)).toBeLessThan(1.5);
    expect(Math.abs(share('phishingResistant') - 10)).toBeLessThan(1.5);
    expect(Math.abs(share('oath') - 8)).toBeLessThan(1.5);
    expect(Math.abs(share('phone') - 20)).toBeLessThan(1.5);
    expect(Math.abs(share('email') - 2)).toBeLessThan(1);
    expect(Math.abs(share('none') - 15)).toBeLessThan(1.5);
  });

  it('keeps ids and principal names unique and the small department small', () => {
    expect(new Set(tenant.users.map((u) => u.id)).size).toBe(100_000 + SCENARIO_PLANS.length);
    expect(new Set(tenant.users.map((u) => u.userPrincipalName)).size).toBe(100_000 + SCENARIO_PLANS.length);
    const sizes = departmentSizes(tenant);
    expect(sizes.size).toBe(DEPARTMENTS.length);
    expect([...sizes.values()].some((n) => n < 5)).toBe(true);
  });
});

function departmentSizes(tenant: DemoTenant): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const u of tenant.users) if (u.department) sizes.set(u.department, (sizes.get(u.department) ?? 0) + 1);
  return sizes;
}
