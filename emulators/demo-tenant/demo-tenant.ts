import type { AuthenticationMethod } from './authentication-method';
import type { DemoPolicies } from './demo-policies';

/** A generated organisation: the data every emulator serves and every demo, test and benchmark starts from. */
export interface DemoTenant {
  seed: string;
  tenantId: string;
  /** A reserved .example domain: nothing generated may ever resolve to a real organisation. */
  domain: string;
  organizationName: string;
  users: DemoUser[];
  groups: DemoGroup[];
  directoryRoles: DemoDirectoryRole[];
  /** The MFA Coach app's id in the tenant's Teams app catalog (what installedApps binds to, not the manifest id). */
  teamsAppId: string;
  /** The manifest id of the MFA Coach app (teamsApp.externalId). */
  teamsAppExternalId: string;
  /** The bot's Microsoft Entra app id, part of personal chat ids. */
  botAppId: string;
  /** Stable ids of the people the demo script talks as; see demoPersonas(). */
  personaIds: { employee: string; admin: string };
  /** Authentication methods policy (registration campaign), Conditional Access and security defaults. */
  policies: DemoPolicies;
}

export type UserType = 'Member' | 'Guest';

export interface DemoUser {
  id: string;
  displayName: string;
  /** Null for a shared or service mailbox (Exchange creates them with a display name only). */
  givenName: string | null;
  surname: string | null;
  userPrincipalName: string;
  mail: string;
  /** null for guests, who belong to no department of this organisation. */
  department: string | null;
  jobTitle: string | null;
  managerId: string | null;
  /** A Windows time zone name, as mailboxSettings returns it; null for guests (no mailbox here). */
  timeZone: string | null;
  /** BCP 47 tag, e.g. en-US; the mailbox language. */
  preferredLanguage: string | null;
  officeLocation: string | null;
  city: string | null;
  country: string | null;
  usageLocation: string | null;
  employeeId: string | null;
  createdDateTime: string;
  accountEnabled: boolean;
  userType: UserType;
  isAdmin: boolean;
  /** Display name of the user's directory role, when isAdmin. */
  adminRole: string | null;
  methods: AuthenticationMethod[];
}

export interface DemoGroup {
  id: string;
  displayName: string;
  description: string;
  mailNickname: string;
  securityEnabled: boolean;
  mailEnabled: boolean;
  groupTypes: string[];
  /** Direct user members. */
  memberIds: string[];
  /** Direct group members (nesting), so transitive lookups differ from direct ones. */
  memberGroupIds: string[];
  /**
   * Created role-assignable (Entra ID P1): only such a group can be assigned a directory role, and it cannot
   * contain groups. Absent means false; the emulator refuses a tenant that breaks either rule.
   */
  isAssignableToRole?: boolean;
}

export interface DemoDirectoryRole {
  id: string;
  displayName: string;
  roleTemplateId: string;
  /** In the report's privilegedAdmin set (Global, Security, Helpdesk, User, Authentication administrators…). */
  isPrivileged: boolean;
  memberIds: string[];
  /** Role-assignable groups the role is assigned to: their members hold it through them, so are `isAdmin` like direct holders. */
  memberGroupIds?: string[];
}
