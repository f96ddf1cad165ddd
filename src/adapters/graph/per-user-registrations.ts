import { isSecondFactor } from '../../domain/mfa/sms-voice-retirement';
import type { UserRegistration } from '../../domain/mfa/user-registration';
import type { RegistrationWalkStats } from '../../domain/ports/directory';
import { readAdminIds } from './admin-role-members';
import { walkCollection } from './collection-walk';
import type { DirectoryUser } from './directory-user';
import { newCounters, type GraphCaller } from './graph-caller';
import { graphPath } from './graph-path';
import { sendBatched } from './json-batch';
import { liveMethodKinds, type LiveMethod } from './live-method-kinds';
import { livePhoneTypes, phoneTypesOf } from './phone-types';
import { UnknownMethodTally } from './unknown-method-tally';
import type { RequestPacer } from '../request-pacer';

export interface PerUserWalkParts {
  caller: GraphCaller;
  /** The reports budget: `/users/{id}/authentication/methods` is in the same bucket as the report. */
  reportsPacer: RequestPacer;
  /** Users asked of `/users` per page ($top). */
  pageSize: number;
  /** Users handed to the page handler at a time: progress reaches the database every few batches. */
  handOverSize: number;
  /** Requests per `$batch` at most (≤ 20); the budget usually allows fewer. */
  maxPerBatch?: number;
}

/**
 * Registrations for tenants without Entra ID P1/P2, where the report answers 403: every enabled user from
 * `/users`, then each one's `/users/{id}/authentication/methods` through `$batch`, and the admin flag from the
 * activated directory roles. The result has the report's shape and, on the same tenant, the report's values.
 *
 * Slower by design, and the stats say so (source 'perUserMethods'): one request of the reports budget per user
 * (about 0.5 per second), where the report serves 999 users per request. Batching saves round trips, not budget.
 * Disabled accounts are skipped ($filter), as the report leaves them out. `isMfaCapable` is taken to equal
 * `isMfaRegistered`: the report also checks the tenant's authentication methods policy, which this mode does not read.
 */
export async function walkPerUserRegistrations(
  parts: PerUserWalkParts,
  onPage: (page: UserRegistration[]) => Promise<void>,
): Promise<RegistrationWalkStats> {
  const { caller, reportsPacer } = parts;
  const counters = newCounters();
  const unknown = new UnknownMethodTally();
  const adminIds = await readAdminIds(caller, counters);
  let pages = 0;
  let items = 0;
  let skipped = 0;
  const usersPath = graphPath('/users', {
    $filter: 'accountEnabled eq true',
    $select: 'id,userPrincipalName,displayName,userType',
    $top: parts.pageSize,
  });
  await walkCollection<DirectoryUser>(caller, usersPath, { counters }, async (users) => {
    for (let start = 0; start < users.length; start += parts.handOverSize) {
      const chunk = users.slice(start, start + parts.handOverSize).filter((u) => u.id);
      const outcomes = await sendBatched(
        caller,
        chunk.map((u) => ({ method: 'GET' as const, path: `/users/${encodeURIComponent(u.id as string)}/authentication/methods` })),
        { pacer: reportsPacer, counters, maxPerBatch: parts.maxPerBatch },
      );
      const registrations: UserRegistration[] = [];
      chunk.forEach((user, k) => {
        const outcome = outcomes[k];
        // Deleted between the listing and the reading: nobody to report on.
        if (!outcome || outcome.status === 404) {
          skipped++;
          return;
        }
        const live = (outcome.body as { value?: LiveMethod[] } | undefined)?.value;
        const methods = liveMethodKinds(live, unknown);
        const isMfaRegistered = methods.some(isSecondFactor);
        registrations.push({
          id: user.id as string,
          userPrincipalName: user.userPrincipalName ?? '',
          displayName: user.displayName ?? '',
          userType: user.userType?.toLowerCase() === 'guest' ? 'guest' : 'member',
          accountEnabled: true,
          isAdmin: adminIds.has(user.id as string),
          isMfaRegistered,
          isMfaCapable: isMfaRegistered,
          methods,
          ...phoneTypesOf(livePhoneTypes(live)),
        });
      });
      if (registrations.length === 0) continue;
      pages++;
      items += registrations.length;
      await onPage(registrations);
    }
  });
  return {
    source: 'perUserMethods',
    pages,
    items,
    skipped,
    requests: counters.requests,
    throttled: counters.throttled,
    transientRetries: counters.transientRetries,
    ...(unknown.size > 0 ? { unknownMethods: unknown.toRecord() } : {}),
  };
}
