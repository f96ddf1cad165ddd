import { GraphError } from './graph-error';

/**
 * The application permissions each emulated route requires, from the permission tables of Microsoft's v1.0 API
 * pages (least privileged first, then the higher ones Graph also accepts). A route is allowed when the token's
 * `roles` hold every permission of at least one of its sets. Where a page was unclear the emulator asks for more,
 * never less, so that what works here works on a real tenant.
 */
interface PermissionRule {
  /** Matched against `${method} ${route template}`. */
  route: RegExp;
  /** Any one set suffices; each set needs all its permissions. */
  anyOf: readonly (readonly string[])[];
  /** Graph's error code and message for this service's refusal. */
  code: string;
  message: string;
  /** A refusal that depends on which permission is missing (Graph answers the sign-in log differently for each). */
  refusalFor?: (roles: readonly string[]) => { code: string; message: string } | undefined;
}

const DIRECTORY_DENIED = { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };
const one = (...names: string[]) => names.map((name) => [name]);
const TEAMS_APP_WRITE = one(
  'TeamsAppInstallation.ReadWriteSelfForUser.All',
  'TeamsAppInstallation.ReadWriteAndConsentSelfForUser.All',
  'TeamsAppInstallation.ReadWriteForUser.All',
  'TeamsAppInstallation.ReadWriteAndConsentForUser.All',
  'TeamsAppInstallation.ReadWriteSelectedForUser.All',
);

/** What `GET /auditLogs/signIns` needs (signin-list, v1.0, application): both, and nothing less. */
export const SIGN_IN_LOG_PERMISSIONS: readonly string[] = ['AuditLog.Read.All', 'Directory.Read.All'];

const RULES: readonly PermissionRule[] = [
  {
    // signin-list (v1.0, application): AuditLog.Read.All and Directory.Read.All, no higher one. Graph's refusal is
    // Authentication_MSGraphPermissionMissing (seen for signIns without AuditLog.Read.All).
    route: /^GET \/auditLogs\/signIns/,
    anyOf: [SIGN_IN_LOG_PERMISSIONS],
    code: 'Authentication_MSGraphPermissionMissing',
    message: 'Calling principal does not have required MSGraph permissions AuditLog.Read.All',
    // With AuditLog.Read.All but not Directory.Read.All, Graph fails the premium-licence check it makes through the
    // directory (microsoft-graph-docs issues 2789 and 13632): another code, which names neither permission.
    refusalFor: (roles) =>
      roles.includes('AuditLog.Read.All') && !roles.includes('Directory.Read.All')
        ? { code: 'Authentication_ApplicationHasNoDirectoryReadAccess', message: 'Failed to do premium license check from ADGraph' }
        : undefined,
  },
  {
    // authenticationmethodsroot-list-userregistrationdetails and the usersRegisteredBy… summaries.
    route: /^GET \/reports\/authenticationMethods\//,
    anyOf: one('AuditLog.Read.All', 'UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'),
    ...DIRECTORY_DENIED,
  },
  {
    // authentication-list-externalauthenticationmethods, externalauthenticationmethod-get (v1.0, application).
    route: /^GET \/users\/\{id\}\/authentication\/externalAuthenticationMethods/,
    anyOf: one(
      'UserAuthMethod-External.Read.All',
      'UserAuthenticationMethod.Read.All',
      'UserAuthenticationMethod.ReadWrite.All',
      'UserAuthMethod-External.ReadWrite.All',
    ),
    ...DIRECTORY_DENIED,
  },
  {
    // qrcodepinauthenticationmethod-get (v1.0, application).
    route: /^GET \/users\/\{id\}\/authentication\/qrCodePinMethod/,
    anyOf: one(
      'UserAuthMethod-QR.Read.All',
      'UserAuthenticationMethod.Read.All',
      'UserAuthenticationMethod.ReadWrite.All',
      'UserAuthMethod-QR.ReadWrite.All',
    ),
    ...DIRECTORY_DENIED,
  },
  {
    route: /^GET \/users\/\{id\}\/authentication\//,
    anyOf: one('UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'),
    ...DIRECTORY_DENIED,
  },
  {
    route: /^GET \/users\/\{id\}\/mailboxSettings/,
    anyOf: one('MailboxSettings.Read', 'MailboxSettings.ReadWrite'),
    code: 'ErrorAccessDenied',
    message: 'Access is denied. Check credentials and try again.',
  },
  {
    route: /^(POST|DELETE) \/users\/\{id\}\/teamwork\/installedApps/,
    anyOf: TEAMS_APP_WRITE,
    code: 'Forbidden',
    message: 'Missing role permissions on the request. API requires one of the TeamsAppInstallation permissions for user scope.',
  },
  {
    route: /^GET \/users\/\{id\}\/teamwork\/installedApps/,
    anyOf: [...one('TeamsAppInstallation.ReadSelfForUser.All', 'TeamsAppInstallation.ReadForUser.All'), ...TEAMS_APP_WRITE],
    code: 'Forbidden',
    message: 'Missing role permissions on the request. API requires one of the TeamsAppInstallation permissions for user scope.',
  },
  {
    route: /^GET \/appCatalogs\//,
    anyOf: one('AppCatalog.Read.All', 'AppCatalog.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'),
    code: 'Forbidden',
    message: 'Missing role permissions on the request. API requires one of AppCatalog.Read.All, AppCatalog.ReadWrite.All.',
  },
  {
    route: /^GET \/directoryRoles/,
    anyOf: one('RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory', 'Directory.Read.All', 'Directory.ReadWrite.All'),
    ...DIRECTORY_DENIED,
  },
  {
    // checkMemberGroups on a user reads the user and its groups: the emulator asks for both.
    route: /^POST \/users\/\{id\}\/checkMemberGroups/,
    anyOf: [['User.Read.All', 'GroupMember.Read.All'], ['User.Read.All', 'Group.Read.All'], ['Directory.Read.All']],
    ...DIRECTORY_DENIED,
  },
  {
    // group-get, group-list-members and group-list (a group found by name): GroupMember.Read.All least.
    route: /^GET \/groups(\/|$)/,
    anyOf: one('GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'),
    ...DIRECTORY_DENIED,
  },
  {
    // user-list-memberof / transitivememberof: User.Read.All least.
    route: /^GET \/users\/\{id\}\/(transitiveM|m)emberOf/,
    anyOf: one('User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'),
    ...DIRECTORY_DENIED,
  },
  {
    // authenticationmethodspolicy-get: Policy.Read.AuthenticationMethod least; Policy.ReadWrite.AuthenticationMethod, Policy.Read.All higher.
    route: /^GET \/policies\/authenticationMethodsPolicy$/,
    anyOf: one('Policy.Read.AuthenticationMethod', 'Policy.ReadWrite.AuthenticationMethod', 'Policy.Read.All'),
    ...DIRECTORY_DENIED,
  },
  {
    // authenticationmethodspolicy-update: Policy.ReadWrite.AuthenticationMethod, no higher one.
    route: /^PATCH \/policies\/authenticationMethodsPolicy$/,
    anyOf: one('Policy.ReadWrite.AuthenticationMethod'),
    ...DIRECTORY_DENIED,
  },
  {
    // conditionalaccessroot-list-policies, conditionalaccesspolicy-get: Policy.Read.All, no higher one. Graph's refusal
    // here is its own: AccessDenied, "required scopes are missing in the token".
    route: /^GET \/identity\/conditionalAccess\/policies/,
    anyOf: one('Policy.Read.All'),
    code: 'AccessDenied',
    message: 'You cannot perform the requested operation, required scopes are missing in the token.',
  },
  {
    // identitysecuritydefaultsenforcementpolicy-get: Policy.Read.All least; Policy.ReadWrite.SecurityDefaults higher.
    route: /^GET \/policies\/identitySecurityDefaultsEnforcementPolicy$/,
    anyOf: one('Policy.Read.All', 'Policy.ReadWrite.SecurityDefaults'),
    ...DIRECTORY_DENIED,
  },
  {
    route: /^GET \/users(\/\{id\}(\/manager)?)?$/,
    anyOf: one('User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'),
    ...DIRECTORY_DENIED,
  },
];

/** Roles that let a directoryRole in a membership list show which role it is; without one Graph returns only its id. */
export const ROLE_READERS: readonly string[] = [
  'RoleManagement.Read.Directory',
  'RoleManagement.ReadWrite.Directory',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];

/**
 * Every least-privileged permission the emulator knows: a token with these may call every route except
 * `/auditLogs/signIns`. Its documented pair includes Directory.Read.All, which would also open every directory route
 * and hide a missing least-privileged permission there; a sign-in log client adds SIGN_IN_LOG_PERMISSIONS.
 */
export const EVERY_EMULATED_PERMISSION: readonly string[] = [
  ...new Set(RULES.filter((rule) => !rule.anyOf.includes(SIGN_IN_LOG_PERMISSIONS)).flatMap((rule) => rule.anyOf[0] ?? [])),
];

/** The rule for a route, or undefined when the emulator has none (a test keeps every route covered). */
export function permissionRuleOf(method: string, template: string): PermissionRule | undefined {
  return RULES.find((rule) => rule.route.test(`${method} ${template}`));
}

/** Graph's 403 when the token's roles satisfy none of the route's permission sets; undefined when they do. */
export function permissionRefusal(method: string, template: string, roles: readonly string[]): GraphError | undefined {
  const rule = permissionRuleOf(method, template);
  if (!rule) return new GraphError(500, 'generalException', `The Graph emulator has no permission rule for ${method} ${template}.`);
  if (rule.anyOf.some((set) => set.every((name) => roles.includes(name)))) return undefined;
  const refusal = rule.refusalFor?.(roles) ?? rule;
  return new GraphError(403, refusal.code, refusal.message);
}
