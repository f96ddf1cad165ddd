import type { DemoTenant, DemoUser } from '../demo-tenant';

type UserProperty = (user: DemoUser, tenant: DemoTenant) => unknown;

/** The user properties the emulator serves, by Graph name. */
export const USER_PROPERTIES: Readonly<Record<string, UserProperty>> = {
  id: (u) => u.id,
  accountEnabled: (u) => u.accountEnabled,
  businessPhones: () => [],
  city: (u) => u.city,
  companyName: (u, t) => (u.userType === 'Member' ? t.organizationName : null),
  country: (u) => u.country,
  createdDateTime: (u) => u.createdDateTime,
  department: (u) => u.department,
  displayName: (u) => u.displayName,
  employeeId: (u) => u.employeeId,
  givenName: (u) => u.givenName,
  jobTitle: (u) => u.jobTitle,
  mail: (u) => u.mail,
  mobilePhone: () => null,
  officeLocation: (u) => u.officeLocation,
  preferredLanguage: (u) => u.preferredLanguage,
  surname: (u) => u.surname,
  usageLocation: (u) => u.usageLocation,
  userPrincipalName: (u) => u.userPrincipalName,
  userType: (u) => u.userType,
};

export const USER_PROPERTY_NAMES = Object.keys(USER_PROPERTIES);

/**
 * What Graph v1.0 returns for a user without `$select`. department, accountEnabled, userType and the rest must
 * be asked for, exactly as in production, so a client that forgets `$select` fails here first.
 */
export const DEFAULT_USER_PROPERTIES: readonly string[] = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

/** With `$select`, only the selected properties: Graph does not add `id` unless it is selected. */
export function renderUser(user: DemoUser, tenant: DemoTenant, select: readonly string[] | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of select ?? DEFAULT_USER_PROPERTIES) out[name] = (USER_PROPERTIES[name] as UserProperty)(user, tenant);
  return out;
}

/** `@odata.context` suffix for a user collection or entity, with the selected properties as Graph writes them. */
export function usersContext(select: readonly string[] | null, entity: boolean): string {
  return `users${select ? `(${select.join(',')})` : ''}${entity ? '/$entity' : ''}`;
}
