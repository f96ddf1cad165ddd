import type { DemoTenant, DemoUser } from './demo-tenant';

export interface DemoPersonas {
  /** An enabled member with no MFA method at all: the person the bot nudges in the demo. */
  employee: DemoUser;
  /** An enabled member of "MFA Coach admins" with strong MFA (security key + Authenticator), a Global Administrator. */
  admin: DemoUser;
}

/**
 * The two people the demo script talks as. Ids are fixed at generation, so the answer does not change
 * when the demo enrols the employee and the "first unenrolled user" becomes someone else.
 */
export function demoPersonas(tenant: DemoTenant): DemoPersonas {
  const find = (id: string): DemoUser => {
    const user = tenant.users.find((u) => u.id === id);
    if (!user) throw new Error(`demo persona ${id} is not in tenant ${tenant.tenantId}`);
    return user;
  };
  return { employee: find(tenant.personaIds.employee), admin: find(tenant.personaIds.admin) };
}
