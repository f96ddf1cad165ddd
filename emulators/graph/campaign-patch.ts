import type { RegistrationCampaign } from '../demo-tenant';
import { badRequest } from './graph-error';

/**
 * The body of `PATCH /policies/authenticationMethodsPolicy` (v1.0), read the way Graph reads it: only
 * `registrationEnforcement` is updatable (the page's request-body table), unknown properties are refused, nested
 * properties left out keep their values (OData PATCH merges complex values) and collections are replaced whole.
 */

const POLICY_TYPE = 'microsoft.graph.authenticationMethodsPolicy';
const CAMPAIGN_TYPE = 'microsoft.graph.authenticationMethodsRegistrationCampaign';
/** Properties of the v1.0 authenticationMethodsPolicy that exist but the update page does not let a caller set. */
const NOT_UPDATABLE = [
  'id',
  'displayName',
  'description',
  'lastModifiedDateTime',
  'policyVersion',
  'policyMigrationState',
  'reconfirmationInDays',
  'authenticationMethodConfigurations',
];
const CAMPAIGN_PROPERTIES = ['snoozeDurationInDays', 'state', 'excludeTargets', 'includeTargets'];
const STATES = ['default', 'enabled', 'disabled'];
const TARGET_TYPES = ['user', 'group'];
/** v1.0 include-target page: "The value can be Fido2 or microsoftAuthenticator"; compared without case, as Graph does for strings. */
const TARGETED_METHODS = ['microsoftauthenticator', 'fido2'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function applyMethodsPolicyPatch(current: RegistrationCampaign, body: unknown): RegistrationCampaign {
  const policy = objectOrRefuse(body, 'the request body');
  for (const key of Object.keys(policy)) {
    if (key === '@odata.type' || key === 'registrationEnforcement') continue;
    if (NOT_UPDATABLE.includes(key))
      throw badRequest(`Property '${key}' of '${POLICY_TYPE}' can't be updated: the v1.0 update documents only registrationEnforcement.`);
    throw unknownProperty(key, POLICY_TYPE);
  }
  if (!('registrationEnforcement' in policy)) return current;
  const enforcement = objectOrRefuse(policy.registrationEnforcement, 'registrationEnforcement');
  for (const key of Object.keys(enforcement)) {
    if (key !== '@odata.type' && key !== 'authenticationMethodsRegistrationCampaign')
      throw unknownProperty(key, 'microsoft.graph.registrationEnforcement');
  }
  if (!('authenticationMethodsRegistrationCampaign' in enforcement)) return current;
  const change = objectOrRefuse(enforcement.authenticationMethodsRegistrationCampaign, 'authenticationMethodsRegistrationCampaign');
  for (const key of Object.keys(change)) {
    if (key === '@odata.type' || CAMPAIGN_PROPERTIES.includes(key)) continue;
    if (key === 'enforceRegistrationAfterAllowedSnoozes')
      throw badRequest(`${unknownProperty(key, CAMPAIGN_TYPE).message} (The snooze limit is on Graph's beta endpoint only.)`);
    throw unknownProperty(key, CAMPAIGN_TYPE);
  }
  const { '@odata.type': _type, ...given } = change;
  const next = { ...current, ...given } as RegistrationCampaign;
  // A target without a method is an Authenticator target, the only kind the v1.0 campaign page describes.
  if (Array.isArray(next.includeTargets)) {
    next.includeTargets = (next.includeTargets as unknown[]).map((t) =>
      t && typeof t === 'object' && !('targetedAuthenticationMethod' in t)
        ? { ...(t as object), targetedAuthenticationMethod: 'microsoftAuthenticator' }
        : t,
    ) as RegistrationCampaign['includeTargets'];
  }
  const problems = campaignProblems(next);
  if (problems.length > 0) throw badRequest(`Invalid value for '${CAMPAIGN_TYPE}': ${problems.join('; ')}.`);
  return next;
}

/** Why a whole campaign would be refused; [] when Graph would take it. */
export function campaignProblems(campaign: RegistrationCampaign): string[] {
  const problems: string[] = [];
  const snooze = campaign.snoozeDurationInDays as unknown;
  if (typeof snooze !== 'number' || !Number.isInteger(snooze) || snooze < 0 || snooze > 14)
    problems.push(`snoozeDurationInDays must be a whole number of days from 0 to 14, got ${JSON.stringify(snooze)}`);
  if (!STATES.includes(campaign.state as string))
    problems.push(`state must be one of ${STATES.join(', ')}, got ${JSON.stringify(campaign.state)}`);
  problems.push(...targetProblems(campaign.includeTargets, 'includeTargets', true));
  problems.push(...targetProblems(campaign.excludeTargets, 'excludeTargets', false));
  return problems;
}

function targetProblems(targets: unknown, name: string, include: boolean): string[] {
  if (!Array.isArray(targets)) return [`${name} must be an array`];
  const problems: string[] = [];
  targets.forEach((target: unknown, i) => {
    const at = `${name}[${i}]`;
    if (!target || typeof target !== 'object' || Array.isArray(target)) {
      problems.push(`${at} must be an object`);
      return;
    }
    const t = target as Record<string, unknown>;
    const allowed = include ? ['id', 'targetType', 'targetedAuthenticationMethod', '@odata.type'] : ['id', 'targetType', '@odata.type'];
    for (const key of Object.keys(t)) if (!allowed.includes(key)) problems.push(`${at} has an unknown property '${key}'`);
    if (!TARGET_TYPES.includes(t.targetType as string)) problems.push(`${at}.targetType must be user or group`);
    // 'all_users' is the keyword for everyone, a group; anything else is a user or group object id.
    const everyone = t.id === 'all_users' && t.targetType === 'group';
    if (typeof t.id !== 'string' || (!everyone && !GUID.test(t.id)))
      problems.push(`${at}.id must be an object id (or all_users for a group)`);
    if (include) {
      const method = t.targetedAuthenticationMethod;
      if (typeof method !== 'string' || !TARGETED_METHODS.includes(method.toLowerCase()))
        problems.push(`${at}.targetedAuthenticationMethod must be microsoftAuthenticator or Fido2`);
    }
  });
  return problems;
}

function objectOrRefuse(value: unknown, what: string): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw badRequest(`Invalid value for ${what}: expected a JSON object, got ${JSON.stringify(value) ?? 'nothing'}.`);
}

/** OData's wording for a property the type does not declare. */
function unknownProperty(key: string, type: string) {
  return badRequest(
    `The property '${key}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
  );
}
