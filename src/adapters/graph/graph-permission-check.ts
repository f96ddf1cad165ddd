import { messageLine } from '../../domain/errors';
import type { HealthCheck, HealthDetail, HealthResult } from '../../domain/ports/health-check';
import type { AccessTokenSource } from './graph-client';
import { GRAPH_PERMISSIONS, type GraphPermission, type PermissionNeeds } from './graph-permissions';
import { rolesOfAccessToken } from './token-roles';

export const GRAPH_PERMISSIONS_CHECK = 'Graph permissions';

/** The permission list's texts mark settings with backticks (Markdown for the README); cards and terminals show words. */
export const plainWords = (text: string): string => text.replace(/`/g, '');

/**
 * Doctor check 1: the Graph application permissions the app's token carries (its `roles` claim), against the one
 * list the bot needs (graph-permissions.ts). A permission the settings do not need may be missing; one they need
 * may not. The token is read here and goes nowhere else.
 */
export function graphPermissionCheck(token: AccessTokenSource, needs: PermissionNeeds): HealthCheck {
  return {
    name: GRAPH_PERMISSIONS_CHECK,
    run: async () => {
      let roles: string[] | undefined;
      try {
        roles = rolesOfAccessToken(await token());
      } catch (error) {
        return noToken(error);
      }
      return roles === undefined ? unreadableToken() : judgeRoles(roles, needs);
    },
  };
}

/** What the granted roles mean for these settings: one line per permission, and the verdict. */
export function judgeRoles(roles: readonly string[], needs: PermissionNeeds): HealthResult {
  const granted = new Set(roles);
  const missing = GRAPH_PERMISSIONS.filter((p) => !granted.has(p.name) && p.needed(needs));
  const details: HealthDetail[] = GRAPH_PERMISSIONS.map((p) => permissionLine(p, granted.has(p.name), p.needed(needs)));
  const known = new Set(GRAPH_PERMISSIONS.map((p) => p.name));
  const others = roles.filter((role) => !known.has(role));
  if (others.length > 0)
    details.push({ label: 'Other permissions', status: 'ok', text: `also granted, not used by MFA Coach: ${others.join(', ')}` });
  if (missing.length === 0) {
    const needed = GRAPH_PERMISSIONS.filter((p) => p.needed(needs)).length;
    const unneeded = GRAPH_PERMISSIONS.filter((p) => !granted.has(p.name)).map((p) => p.name);
    const aside = unneeded.length > 0 ? `; ${unneeded.join(', ')} not needed with these settings` : '';
    return { status: 'ok', summary: `all ${needed} needed permissions granted (of ${GRAPH_PERMISSIONS.length} listed)${aside}`, details };
  }
  const names = missing.map((p) => p.name).join(', ');
  const covered = missing.flatMap((p) => {
    const by = p.coveredBy?.find((higher) => granted.has(higher));
    return by ? [`${p.name}'s calls still answer through ${by}, a higher permission`] : [];
  });
  return {
    // A missing permission that only makes something work less well is a warning; any other fails.
    status: missing.every((p) => p.onlyDegrades) ? 'warn' : 'fail',
    summary: `missing: ${names}${covered.length > 0 ? ` (${covered.join('; ')})` : ''}`,
    impact: missing.map((p) => `${p.name}: ${plainWords(p.withoutIt)}`).join('; '),
    fix:
      `grant the Microsoft Graph application permission${missing.length === 1 ? '' : 's'} ${names} to the app registration ` +
      'and give admin consent (Entra admin centre, App registrations, API permissions); the bot gets them with its next token, within the hour or at once after a restart',
    details,
  };
}

function permissionLine(permission: GraphPermission, granted: boolean, needed: boolean): HealthDetail {
  const label = permission.name;
  if (granted) return { label, status: 'ok', text: `granted. Why: ${plainWords(permission.why)}` };
  if (!needed)
    return { label, status: 'ok', text: `not granted; not needed with these settings (only ${plainWords(permission.neededWhen)})` };
  return {
    label,
    status: permission.onlyDegrades ? 'warn' : 'fail',
    text: `missing. Why: ${plainWords(permission.why)}. Without it: ${plainWords(permission.withoutIt)}`,
  };
}

function unreadableToken(): HealthResult {
  return {
    status: 'warn',
    summary: "cannot read the token's permissions (it is not a JWT)",
    impact: 'the permissions are judged only by the Graph calls below',
    fix: "nothing, if every Graph call below answers; otherwise compare the app registration's API permissions with the README",
  };
}

function noToken(error: unknown): HealthResult {
  return {
    status: 'fail',
    summary: `no Graph access token: ${messageLine(error, 240)}`,
    impact: 'every Graph call fails: scans, status checks, admin checks and nudges',
    fix: 'check the Graph credential settings (SECRET_GRAPH_CLIENT_SECRET, GRAPH_CERTIFICATE_FILE or GRAPH_USE_MANAGED_IDENTITY; GRAPH_CLIENT_ID; TENANT_ID) and GRAPH_CLOUD',
  };
}
