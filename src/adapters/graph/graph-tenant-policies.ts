import type { Client } from '@microsoft/microsoft-graph-client';
import { CAMPAIGN_WRITE_PERMISSION } from '../../domain/policy/campaign-change-access';
import type { CampaignChange } from '../../domain/policy/campaign-change';
import type { RegistrationCampaign } from '../../domain/policy/registration-campaign';
import type {
  CampaignWriteAccess,
  PolicyGroup,
  PolicyRead,
  PolicyWrite,
  RegistrationCampaignChanges,
  TenantPolicies,
} from '../../domain/ports/tenant-policies';
import { systemClock } from '../request-pacer';
import { walkCollection } from './collection-walk';
import { mapConditionalAccessPolicies, mapSecurityDefaultsEnabled, type GraphConditionalAccessPolicy } from './conditional-access-policies';
import { GraphCaller, newCounters } from './graph-caller';
import { GraphFailure } from './graph-failure';
import { graphPath } from './graph-path';
import { mapRegistrationCampaign, registrationCampaignPatch, type GraphAuthenticationMethodsPolicy } from './registration-campaign-policy';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

const USER = '#microsoft.graph.user';
const METHODS_POLICY = '/policies/authenticationMethodsPolicy';
const GROUP = '#microsoft.graph.group';

interface DirectoryObject {
  id?: string;
  '@odata.type'?: string;
}

/**
 * `TenantPolicies` on Microsoft Graph v1.0, through GraphCaller (its retries, throttling and GraphFailure). Every
 * read the `policy` command makes is on the v1.0 pages, each with the least-privileged permission they list:
 * - Conditional Access, `GET /identity/conditionalAccess/policies` (paged), and security defaults,
 *   `GET /policies/identitySecurityDefaultsEnforcementPolicy`: Policy.Read.All, the only permission Graph offers;
 * - the registration campaign, in `GET /policies/authenticationMethodsPolicy`: Policy.Read.AuthenticationMethod
 *   (Policy.ReadWrite.AuthenticationMethod and Policy.Read.All open it too). Its snooze limit
 *   (`enforceRegistrationAfterAllowedSnoozes`) is documented on Graph beta only, so v1.0 does not report it and it
 *   shows as "not reported"; we do not switch this read to beta for one field;
 * - members of the groups and holders of the roles a policy names: GroupMember.Read.All and
 *   RoleManagement.Read.Directory, the permissions the admin checks already use. Only those groups and roles are
 *   read, never the whole directory: a handful of requests for a tenant of any size.
 * A 403 becomes "notPermitted" naming the permission to grant; any other failure "failed" with Graph's words.
 *
 * The one write, the registration campaign, is `PATCH /policies/authenticationMethodsPolicy` on v1.0 too, with
 * Policy.ReadWrite.AuthenticationMethod (the only permission its page lists). It sends the v1.0 campaign properties
 * only (registrationCampaignPatch): the snooze limit cannot be written there, and passkey targets are documented
 * on beta (v1.0 lists `Fido2` on the include-target page only); both are said in the domain's words.
 */
export class GraphTenantPolicies implements TenantPolicies, RegistrationCampaignChanges {
  private readonly caller: GraphCaller;
  private readonly writer: GraphCaller;

  /** `grantedRoles`: the permissions of the app's token, when they can be read from it (undefined when not). */
  constructor(
    client: Client,
    retry: Partial<RetryPolicy> = {},
    private readonly grantedRoles?: () => Promise<readonly string[] | undefined>,
  ) {
    this.caller = new GraphCaller(client, { ...DEFAULT_RETRY_POLICY, ...retry }, systemClock);
    // A change is sent once, never retried: the admin is waiting on a button (Teams gives it 5 s), and a write
    // resent after a timeout that had landed would show twice in Entra's own audit log. The card says what happened.
    this.writer = new GraphCaller(
      client,
      { ...DEFAULT_RETRY_POLICY, ...retry, maxThrottleRetries: 0, maxTransientRetries: 0 },
      systemClock,
    );
  }

  conditionalAccessPolicies() {
    return read('Policy.Read.All', async () => {
      const items: GraphConditionalAccessPolicy[] = [];
      await walkCollection<GraphConditionalAccessPolicy>(
        this.caller,
        '/identity/conditionalAccess/policies',
        { counters: newCounters() },
        async (page) => {
          items.push(...page);
        },
      );
      return mapConditionalAccessPolicies(items);
    });
  }

  securityDefaultsEnabled() {
    return read('Policy.Read.All', async () => {
      const path = graphPath('/policies/identitySecurityDefaultsEnforcementPolicy', { $select: 'isEnabled' });
      return mapSecurityDefaultsEnabled(await this.caller.send<{ isEnabled?: boolean | null }>({ method: 'GET', path }));
    });
  }

  registrationCampaign() {
    return read('Policy.Read.AuthenticationMethod', async () => mapRegistrationCampaign(await this.methodsPolicy()));
  }

  /** Read from the token's roles; a token that does not say (not a JWT) is 'unknown', and the write will tell. */
  async campaignWriteAccess(): Promise<CampaignWriteAccess> {
    const permission = CAMPAIGN_WRITE_PERMISSION;
    const roles = await this.grantedRoles?.().catch(() => undefined);
    if (!roles) return { granted: 'unknown', permission };
    return roles.includes(permission) ? { granted: true } : { granted: false, permission };
  }

  changeRegistrationCampaign(change: CampaignChange): Promise<PolicyWrite<RegistrationCampaign>> {
    return write(async () => {
      // Built on the policy as Graph gives it now, so that what MFA Coach does not model goes back unchanged.
      const body = registrationCampaignPatch(change, await this.methodsPolicy());
      const answer = await this.writer.send<GraphAuthenticationMethodsPolicy | undefined>({ method: 'PATCH', path: METHODS_POLICY, body });
      // The v1.0 page answers 200 with the updated policy; Graph answers many PATCHes 204 without one: then read it.
      return mapRegistrationCampaign(answer ?? (await this.methodsPolicy()));
    });
  }

  /** The v1.0 GET takes no query options: the whole policy comes back, the campaign is one part of it. */
  private methodsPolicy(): Promise<GraphAuthenticationMethodsPolicy> {
    return this.caller.send<GraphAuthenticationMethodsPolicy>({ method: 'GET', path: METHODS_POLICY });
  }

  groups(groupIds: readonly string[]) {
    return read('GroupMember.Read.All', async () => {
      const names = await this.groupNames(groupIds);
      const groups: PolicyGroup[] = [];
      for (const id of groupIds) {
        const memberIds = await this.usersOf(id);
        const displayName = names.get(id);
        groups.push({ id, ...(displayName !== undefined ? { displayName } : {}), ...(memberIds ? { memberIds } : {}) });
      }
      return groups;
    });
  }

  /** Names are for display only: a group that cannot be read keeps its id on the card, and nothing else fails. */
  async groupNames(groupIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const names = new Map<string, string>();
    await Promise.all(
      [...new Set(groupIds)].map(async (id) => {
        const path = graphPath(`/groups/${encodeURIComponent(id)}`, { $select: 'id,displayName' });
        const group = await this.caller.send<{ displayName?: string | null }>({ method: 'GET', path }).catch(() => undefined);
        if (group?.displayName) names.set(id, group.displayName);
      }),
    );
    return names;
  }

  roleHolders(roleTemplateIds: readonly string[]) {
    return read('RoleManagement.Read.Directory', async () => {
      const wanted = new Set(roleTemplateIds.map((id) => id.toLowerCase()));
      const holders = new Map<string, string[]>([...wanted].map((id) => [id, []]));
      if (wanted.size === 0) return holders;
      // Only activated roles are listed, with the template they are made from; GET /directoryRoles takes no query options.
      const roles: { id?: string; roleTemplateId?: string | null }[] = [];
      await walkCollection<{ id?: string; roleTemplateId?: string | null }>(
        this.caller,
        '/directoryRoles',
        { counters: newCounters() },
        async (page) => {
          roles.push(...page);
        },
      );
      for (const role of roles) {
        const template = role.roleTemplateId?.toLowerCase();
        if (!role.id || !template || !wanted.has(template)) continue;
        holders.set(template, [...(holders.get(template) ?? []), ...(await this.holdersOf(role.id))]);
      }
      return holders;
    });
  }

  /** A role's users: direct holders, and the people of a role-assignable group it is assigned to. */
  private async holdersOf(roleId: string): Promise<string[]> {
    const users = new Set<string>();
    const groups: string[] = [];
    const path = graphPath(`/directoryRoles/${encodeURIComponent(roleId)}/members`, { $select: 'id' });
    await walkCollection<DirectoryObject>(this.caller, path, { counters: newCounters() }, async (members) => {
      for (const member of members) {
        // Service principals hold roles too; they sign in without MFA and are nobody's to count.
        const type = member['@odata.type'] ?? USER;
        if (member.id && type === USER) users.add(member.id);
        else if (member.id && type === GROUP) groups.push(member.id);
      }
    });
    for (const group of groups) for (const id of (await this.usersOf(group)) ?? []) users.add(id);
    return [...users];
  }

  /**
   * Every user in the group, however nested; undefined when the group is gone. No type cast to users: Graph
   * documents a cast on transitiveMembers as an advanced query (ConsistencyLevel: eventual), and the plain list
   * names each member's type anyway.
   */
  private async usersOf(groupId: string): Promise<string[] | undefined> {
    const users: string[] = [];
    const path = graphPath(`/groups/${encodeURIComponent(groupId)}/transitiveMembers`, { $select: 'id', $top: 999 });
    try {
      await walkCollection<DirectoryObject>(this.caller, path, { counters: newCounters() }, async (members) => {
        for (const member of members) if (member.id && (member['@odata.type'] ?? USER) === USER) users.push(member.id);
      });
    } catch (error) {
      if (error instanceof GraphFailure && error.kind === 'notFound') return undefined;
      throw error;
    }
    return users;
  }
}

/**
 * One read, its failure kept to itself. `permission` is the least-privileged one for the read's own route; a 403
 * on another route it made (a group's members while reading role holders) names that route's permission instead.
 */
async function read<T>(permission: string, run: () => Promise<T>): Promise<PolicyRead<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    if (error.kind === 'forbidden') {
      const needed = /\/groups\//.test(error.operation) ? 'GroupMember.Read.All' : permission;
      const answer = `${error.status ?? 403}${error.code ? ` ${error.code}` : ''}`;
      return {
        ok: false,
        reason: 'notPermitted',
        permission: needed,
        detail: `Microsoft Graph refused (${answer}): MFA Coach lacks ${needed}`,
      };
    }
    return { ok: false, reason: 'failed', detail: error.message };
  }
}

/**
 * The write, its failure in the port's words. Only the PATCH itself can leave the outcome open: no answer, or a
 * gateway timeout, may come after Microsoft 365 made the change. A failed read before it changed nothing.
 */
async function write<T>(run: () => Promise<T>): Promise<PolicyWrite<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    const patching = error.operation.startsWith('PATCH ');
    if (error.kind === 'forbidden') {
      const permission = patching ? CAMPAIGN_WRITE_PERMISSION : 'Policy.Read.AuthenticationMethod';
      const answer = `${error.status ?? 403}${error.code ? ` ${error.code}` : ''}`;
      return {
        ok: false,
        reason: 'notPermitted',
        permission,
        detail: `Microsoft Graph refused (${answer}): MFA Coach lacks ${permission}`,
      };
    }
    if (error.kind === 'badRequest') return { ok: false, reason: 'refused', detail: error.message };
    const open = patching && (error.kind === 'unreachable' || error.status === 504);
    return { ok: false, reason: open ? 'uncertain' : 'failed', detail: error.message };
  }
}
