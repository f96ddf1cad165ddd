import type { Directory } from '../domain/ports/directory';
import { withTimeout } from '../domain/deadline';
import { errorCodeOf } from '../domain/errors';

/**
 * 'unavailable': the directory did not answer (try later); 'notPermitted': it refused MFA Coach a permission, which
 * only whoever runs MFA Coach can fix. Neither is ever a yes.
 */
export type AdminDecision = 'admin' | 'notAdmin' | 'unavailable' | 'notPermitted';

export interface AdminPolicy {
  /** Entra security groups whose (transitive) members are MFA Coach admins. */
  groupIds: readonly string[];
  /** Directory roles, by template id (the same in every tenant), whose holders are MFA Coach admins too. */
  roleTemplateIds?: readonly string[];
  /** Object ids always treated as admins: a bootstrap for before the groups exist. */
  allowList: readonly string[];
  /** How long a decision is trusted; at most 5 minutes, so removing someone takes effect soon. */
  cacheSeconds: number;
  /** How long to wait for the directory before answering 'unavailable' (a card action must answer within 5 s). */
  timeoutMs?: number;
}

/**
 * Decides whether the sender of an activity is an admin. The actor is always the activity's sender,
 * never anything a card or a message claims. Decisions are cached briefly per person; a directory
 * outage answers 'unavailable' (the caller says "try later"), never 'admin'.
 */
export class AdminAuthorizer {
  private readonly cache = new Map<string, { decision: 'admin' | 'notAdmin'; until: number }>();

  constructor(
    private readonly directory: Pick<Directory, 'isMemberOfAny' | 'holdsAnyRole'>,
    private readonly policy: AdminPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  async decide(userId: string | undefined): Promise<AdminDecision> {
    if (!userId) return 'notAdmin';
    if (this.policy.allowList.includes(userId)) return 'admin';
    const roleTemplateIds = this.policy.roleTemplateIds ?? [];
    if (this.policy.groupIds.length === 0 && roleTemplateIds.length === 0) return 'notAdmin';
    const cached = this.cache.get(userId);
    if (cached && cached.until > this.now()) return cached.decision;
    let decision: 'admin' | 'notAdmin';
    try {
      decision = (await withTimeout(this.isAdminInDirectory(userId, roleTemplateIds), this.policy.timeoutMs ?? 3000, 'the admin check'))
        ? 'admin'
        : 'notAdmin';
    } catch (error) {
      return errorCodeOf(error) === 'GRAPH-FORBIDDEN' ? 'notPermitted' : 'unavailable';
    }
    this.cache.set(userId, { decision, until: this.now() + Math.min(this.policy.cacheSeconds, 300) * 1000 });
    return decision;
  }

  /** Groups first (the usual way), roles only when the groups say no and roles are configured. */
  private async isAdminInDirectory(userId: string, roleTemplateIds: readonly string[]): Promise<boolean> {
    if (this.policy.groupIds.length > 0 && (await this.directory.isMemberOfAny(userId, this.policy.groupIds))) return true;
    return roleTemplateIds.length > 0 && this.directory.holdsAnyRole(userId, roleTemplateIds);
  }
}
