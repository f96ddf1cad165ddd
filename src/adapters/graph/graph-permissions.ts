/**
 * The Microsoft Graph application permissions MFA Coach asks for: the one list the README's table, the `doctor`
 * command, the 403 advice and the demo's grant are made from, so they cannot drift apart. Each is the least
 * privileged permission Microsoft documents for the calls it serves (the v1.0 API pages' permission tables).
 */

/** Which settings make a permission needed (a permission whose feature is off may be left out). */
export interface PermissionNeeds {
  /** Admins recognised by directory role (ADMIN_ROLE_TEMPLATE_IDS). */
  adminRoles: boolean;
  /** REGISTRATION_SOURCE=perUserMethods: admins are read from the activated directory roles. */
  perUserMethods: boolean;
  /** TEAMS_APP_CATALOG_ID is set: the bot installs itself for people before their first nudge. */
  proactiveInstall: boolean;
  /** POLICY_ADMIN_GROUP_IDS is set: its members may change Entra's registration campaign from the `policy` card. */
  policyAdmins?: boolean;
}

export interface GraphPermission {
  name: string;
  /** What MFA Coach uses it for. */
  why: string;
  /** What a person or an admin notices without it. */
  withoutIt: string;
  /** When it is needed, in words (the README's column). */
  neededWhen: string;
  needed(needs: PermissionNeeds): boolean;
  /**
   * Higher-privileged permissions Microsoft documents as also opening this one's calls: with one of them granted,
   * the calls still answer, but the app holds more than it needs and loses them with it.
   */
  coveredBy?: readonly string[];
  /** Without it something works less well but nothing stops (doctor warns rather than fails). */
  onlyDegrades?: boolean;
}

const always = () => true;

export const GRAPH_PERMISSIONS: readonly GraphPermission[] = [
  {
    name: 'AuditLog.Read.All',
    why: "read the authentication methods registration report (`userRegistrationDetails`), the bulk source of everyone's MFA status; and, with Directory.Read.All, the sign-in log, where SMTP AUTH readiness (`smtp`) finds who sends mail with a password (both need Entra ID P1 or P2)",
    withoutIt:
      'scans fail with 403 unless UserAuthenticationMethod.Read.All (a higher-privileged permission that also opens the report) is granted; `smtp` cannot read the sign-in log',
    neededWhen: 'always',
    needed: always,
    coveredBy: ['UserAuthenticationMethod.Read.All'],
  },
  {
    name: 'User.Read.All',
    why: "people's department, job title, manager and account state, to group, target and exclude; the directory-role check",
    withoutIt: 'scans, `user` lookups and nudges fail: nobody can be found',
    neededWhen: 'always',
    needed: always,
    coveredBy: ['Directory.Read.All'],
  },
  {
    name: 'GroupMember.Read.All',
    why: 'check membership of the admin and campaign-manager groups, which decide who may use admin commands; campaign audiences by group; role holders through a group in per-user mode',
    withoutIt: 'admin commands are refused to group members (it fails closed) and group audiences cannot be read',
    neededWhen: 'always',
    needed: always,
    coveredBy: ['Directory.Read.All'],
  },
  {
    name: 'RoleManagement.Read.Directory',
    why: 'see who holds directory roles (without it Graph hides which role a membership is)',
    withoutIt: 'role holders are not recognised as admins; per-user scans fail',
    neededWhen: 'with `ADMIN_ROLE_TEMPLATE_IDS` or `REGISTRATION_SOURCE=perUserMethods`',
    needed: (needs) => needs.adminRoles || needs.perUserMethods,
    coveredBy: ['Directory.Read.All'],
  },
  {
    name: 'UserAuthenticationMethod.Read.All',
    why: 'recheck one person\'s methods live when they say "I\'ve done it" (the report lags hours); per-user scans without Entra ID P1 or P2',
    withoutIt: 'the recheck after "done" cannot confirm anything and says to try later; per-user scans fail',
    neededWhen: 'always',
    needed: always,
  },
  {
    name: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
    why: 'install MFA Coach for a person who has not opened it yet, so a nudge can reach them; it can only manage this app',
    withoutIt: 'only people who already opened MFA Coach can be nudged; the others count as "not installable"',
    neededWhen: 'with `TEAMS_APP_CATALOG_ID`',
    needed: (needs) => needs.proactiveInstall,
  },
  {
    // The sign-in log's page lists AuditLog.Read.All and Directory.Read.All together, with no smaller pair. Directory.Read.All
    // is broad: it also opens what User.Read.All, GroupMember.Read.All and RoleManagement.Read.Directory are asked for.
    name: 'Directory.Read.All',
    why: "SMTP AUTH readiness (`smtp`) reads the sign-in log, which Graph opens only with AuditLog.Read.All and Directory.Read.All together (Graph checks the tenant's licence through the directory). It is broad: it also reads the directory's users, groups and roles, so leave it out if you do not need `smtp`",
    withoutIt:
      "`smtp` cannot read who sends mail with a password and points to the Exchange admin center's SMTP AUTH clients report instead; everything else works",
    neededWhen: 'for `smtp`',
    needed: always,
    onlyDegrades: true,
  },
  {
    name: 'MailboxSettings.Read',
    why: "read the time zone in a person's Outlook settings, so that nudges arrive in their working hours",
    withoutIt: '`NUDGE_DEFAULT_TIME_ZONE` is used for everyone',
    neededWhen: 'always',
    needed: always,
    onlyDegrades: true,
  },
  {
    name: 'Policy.Read.All',
    why: 'read Conditional Access policies and security defaults, to tell admins (`policy`) who must use MFA and whom the policies exclude; the least privileged permission Graph offers for either',
    withoutIt: '`policy` says it cannot read Conditional Access or security defaults; everything else works',
    neededWhen: 'always',
    needed: always,
    onlyDegrades: true,
  },
  {
    name: 'Policy.Read.AuthenticationMethod',
    why: "read Entra's registration campaign (in the authentication methods policy) for `policy`: the least privileged permission that does",
    withoutIt:
      '`policy` says it cannot read the registration campaign, unless Policy.Read.All or Policy.ReadWrite.AuthenticationMethod (which MFA Coach needs only to change the campaign from chat) is granted',
    neededWhen: 'always',
    needed: always,
    coveredBy: ['Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod'],
    onlyDegrades: true,
  },
  {
    name: 'Policy.ReadWrite.AuthenticationMethod',
    why: "let members of the policy-admin group change Entra's registration campaign (state, method, snooze days) from the `policy` card, after a confirmation, audited; the only permission Graph offers for that write",
    withoutIt: 'the `policy` card shows the registration campaign read-only and names this permission; everything else works',
    neededWhen: 'with `POLICY_ADMIN_GROUP_IDS`',
    needed: (needs) => needs.policyAdmins === true,
    onlyDegrades: true,
  },
];

export const GRAPH_PERMISSION_NAMES: readonly string[] = GRAPH_PERMISSIONS.map((p) => p.name);
