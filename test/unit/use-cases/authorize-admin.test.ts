import { AdminAuthorizer } from '../../../src/use-cases/authorize-admin';

const ADMINS = 'group-admins';
const SECURITY_ADMINISTRATOR = '194ae4cb-b126-40b2-bd5b-6091b380977d';

function directory(members: Set<string>, fail = { value: false }, roleHolders = new Set<string>()) {
  const calls: string[] = [];
  const roleCalls: string[] = [];
  return {
    calls,
    roleCalls,
    fail,
    async isMemberOfAny(userId: string, groupIds: readonly string[]) {
      calls.push(userId);
      if (fail.value) throw new Error('Graph is down');
      return groupIds.includes(ADMINS) && members.has(userId);
    },
    async holdsAnyRole(userId: string, roleTemplateIds: readonly string[]) {
      roleCalls.push(userId);
      if (fail.value) throw new Error('Graph is down');
      return roleTemplateIds.includes(SECURITY_ADMINISTRATOR) && roleHolders.has(userId);
    },
  };
}

describe('AdminAuthorizer', () => {
  it('treats members of the admin groups as admins and everyone else not', async () => {
    const auth = new AdminAuthorizer(directory(new Set(['alice'])), { groupIds: [ADMINS], allowList: [], cacheSeconds: 300 });
    expect(await auth.decide('alice')).toBe('admin');
    expect(await auth.decide('bob')).toBe('notAdmin');
    expect(await auth.decide(undefined)).toBe('notAdmin');
  });

  it('caches a decision for at most five minutes', async () => {
    let now = 0;
    const members = new Set(['alice']);
    const dir = directory(members);
    const auth = new AdminAuthorizer(dir, { groupIds: [ADMINS], allowList: [], cacheSeconds: 3600 }, () => now);
    await auth.decide('alice');
    members.delete('alice');
    now = 299_000;
    expect(await auth.decide('alice')).toBe('admin');
    expect(dir.calls).toHaveLength(1);
    now = 301_000;
    expect(await auth.decide('alice')).toBe('notAdmin');
    expect(dir.calls).toHaveLength(2);
  });

  it('answers unavailable, never admin, when the directory fails, and does not cache that', async () => {
    const dir = directory(new Set(['alice']), { value: true });
    const auth = new AdminAuthorizer(dir, { groupIds: [ADMINS], allowList: [], cacheSeconds: 300 });
    expect(await auth.decide('alice')).toBe('unavailable');
    dir.fail.value = false;
    expect(await auth.decide('alice')).toBe('admin');
  });

  it('answers unavailable when the directory does not answer in time', async () => {
    const slow = { isMemberOfAny: () => new Promise<boolean>(() => undefined), holdsAnyRole: () => new Promise<boolean>(() => undefined) };
    const auth = new AdminAuthorizer(slow, { groupIds: [ADMINS], allowList: [], cacheSeconds: 300, timeoutMs: 50 });
    expect(await auth.decide('alice')).toBe('unavailable');
  });

  it('also lets in holders of the configured directory roles, asking about roles only when the groups say no', async () => {
    const dir = directory(new Set(['alice']), { value: false }, new Set(['dana']));
    const auth = new AdminAuthorizer(dir, {
      groupIds: [ADMINS],
      roleTemplateIds: [SECURITY_ADMINISTRATOR],
      allowList: [],
      cacheSeconds: 300,
    });

    expect(await auth.decide('alice')).toBe('admin');
    expect(dir.roleCalls).toEqual([]);
    expect(await auth.decide('dana')).toBe('admin');
    expect(await auth.decide('bob')).toBe('notAdmin');
    expect(dir.roleCalls).toEqual(['dana', 'bob']);

    // Roles alone, without any group, are enough to configure admins.
    const rolesOnly = new AdminAuthorizer(dir, {
      groupIds: [],
      roleTemplateIds: [SECURITY_ADMINISTRATOR],
      allowList: [],
      cacheSeconds: 300,
    });
    expect(await rolesOnly.decide('dana')).toBe('admin');
    expect(await rolesOnly.decide('alice')).toBe('notAdmin');
  });

  it('answers unavailable when the role check fails, even after the groups said no', async () => {
    const dir = directory(new Set(), { value: false }, new Set(['dana']));
    const auth = new AdminAuthorizer(
      { isMemberOfAny: dir.isMemberOfAny, holdsAnyRole: async () => Promise.reject(new Error('Graph is down')) },
      { groupIds: [ADMINS], roleTemplateIds: [SECURITY_ADMINISTRATOR], allowList: [], cacheSeconds: 300 },
    );
    expect(await auth.decide('dana')).toBe('unavailable');
  });

  it('lets the allow-list in without asking the directory, and nobody in when no group is configured', async () => {
    const dir = directory(new Set(['alice']));
    expect(await new AdminAuthorizer(dir, { groupIds: [ADMINS], allowList: ['carol'], cacheSeconds: 300 }).decide('carol')).toBe('admin');
    expect(await new AdminAuthorizer(dir, { groupIds: [], allowList: [], cacheSeconds: 300 }).decide('alice')).toBe('notAdmin');
    expect(dir.calls).toHaveLength(0);
  });
});
