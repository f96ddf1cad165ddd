import type { CampaignChange } from '../../domain/policy/campaign-change';
import type {
  CampaignExclude,
  CampaignInclude,
  CampaignMethod,
  CampaignState,
  CampaignTargetKind,
  RegistrationCampaign,
} from '../../domain/policy/registration-campaign';

/**
 * The registration campaign inside `GET /policies/authenticationMethodsPolicy` (v1.0) onto the domain, and a
 * domain change onto the body of `PATCH /policies/authenticationMethodsPolicy`. Mapping only: the caller sends.
 * Shapes from the v1.0 pages authenticationMethodsRegistrationCampaign, ...IncludeTarget, excludeTarget and
 * "Update authenticationMethodsPolicy"; `all_users` as the all-users group id from the v1.0 GET example.
 */

export interface GraphCampaignTarget {
  id?: string | null;
  targetType?: string | null;
  targetedAuthenticationMethod?: string | null;
}

export interface GraphRegistrationCampaign {
  state?: string | null;
  snoozeDurationInDays?: number | null;
  /** Graph beta only (not on the v1.0 campaign page): read when an answer carries it, never written. */
  enforceRegistrationAfterAllowedSnoozes?: boolean | null;
  includeTargets?: readonly GraphCampaignTarget[] | null;
  excludeTargets?: readonly GraphCampaignTarget[] | null;
}

/** The campaign as v1.0 lets us write it: exactly the four properties of its v1.0 resource page. */
export interface V1CampaignBody {
  state?: string;
  snoozeDurationInDays?: number;
  includeTargets: { id: string; targetType: string; targetedAuthenticationMethod: string }[];
  excludeTargets: { id: string; targetType: string }[];
}

export interface GraphAuthenticationMethodsPolicy {
  registrationEnforcement?: { authenticationMethodsRegistrationCampaign?: GraphRegistrationCampaign | null } | null;
}

export interface RegistrationCampaignPatch {
  registrationEnforcement: { authenticationMethodsRegistrationCampaign: V1CampaignBody };
}

const ALL_USERS = 'all_users';

/** advancedConfigState: `default` is "Microsoft managed" in the admin center. */
const STATES: Readonly<Record<string, CampaignState>> = { default: 'microsoftManaged', enabled: 'enabled', disabled: 'disabled' };
const GRAPH_STATES: Readonly<Record<Exclude<CampaignState, 'unknown'>, string>> = {
  microsoftManaged: 'default',
  enabled: 'enabled',
  disabled: 'disabled',
};

/** v1.0 include-target page: "The value can be Fido2 or microsoftAuthenticator". Compared without case. */
const METHODS: Readonly<Record<string, CampaignMethod>> = { microsoftauthenticator: 'microsoftAuthenticator', fido2: 'passkey' };
const GRAPH_METHODS: Readonly<Record<Exclude<CampaignMethod, 'unknown'>, string>> = {
  microsoftAuthenticator: 'microsoftAuthenticator',
  passkey: 'Fido2',
};

export function mapRegistrationCampaign(policy: GraphAuthenticationMethodsPolicy | null | undefined): RegistrationCampaign {
  const campaign = policy?.registrationEnforcement?.authenticationMethodsRegistrationCampaign;
  const unknowns: string[] = [];
  if (!campaign) unknowns.push('the registration campaign was not in the answer');
  const state = STATES[campaign?.state ?? ''] ?? 'unknown';
  if (campaign && state === 'unknown') unknowns.push(`campaign state '${campaign.state ?? ''}'`);
  const snooze = campaign?.snoozeDurationInDays;
  const limited = campaign?.enforceRegistrationAfterAllowedSnoozes;
  return {
    state,
    snoozeDays: typeof snooze === 'number' && Number.isFinite(snooze) ? snooze : null,
    limitedSnoozes: typeof limited === 'boolean' ? limited : null,
    includes: (campaign?.includeTargets ?? []).map((target): CampaignInclude => {
      const method = METHODS[(target.targetedAuthenticationMethod ?? '').toLowerCase()] ?? 'unknown';
      if (method === 'unknown') unknowns.push(`method to set up '${target.targetedAuthenticationMethod ?? ''}'`);
      return { kind: targetKind(target, unknowns), id: target.id ?? '', method };
    }),
    excludes: (campaign?.excludeTargets ?? []).map((target): CampaignExclude => ({
      kind: targetKind(target, unknowns),
      id: target.id ?? '',
    })),
    unknowns,
  };
}

/**
 * The v1.0 PATCH body for a checked change (checkCampaignChange), built on the campaign as last read. The update
 * page says properties left out keep their values, but its own example sends the whole campaign, and whether a
 * nested complex value is merged or replaced is not spelled out; so every v1.0 property is sent, unchanged ones
 * as Graph gave them (unknown values included) rather than rebuilt from our model and lost.
 *
 * `enforceRegistrationAfterAllowedSnoozes` is deliberately absent: it is Graph beta only, and v1.0 refuses a
 * property its type does not declare. Should v1.0 replace the campaign whole, it falls back to its default (true).
 */
export function registrationCampaignPatch(
  change: CampaignChange,
  current: GraphAuthenticationMethodsPolicy | null | undefined,
): RegistrationCampaignPatch {
  const before = current?.registrationEnforcement?.authenticationMethodsRegistrationCampaign ?? {};
  // `unknownFutureValue` is Graph's stand-in for a value this client did not opt into; it is not a value to write.
  const kept = before.state && before.state !== 'unknownFutureValue' ? before.state : undefined;
  const state = change.state ? GRAPH_STATES[change.state] : kept;
  const snooze = change.snoozeDays ?? (typeof before.snoozeDurationInDays === 'number' ? before.snoozeDurationInDays : undefined);
  const campaign: V1CampaignBody = {
    ...(state ? { state } : {}),
    ...(snooze !== undefined ? { snoozeDurationInDays: snooze } : {}),
    includeTargets: includeTargets(change, before.includeTargets ?? []),
    excludeTargets: (before.excludeTargets ?? []).map((target) => ({ id: target.id ?? '', targetType: target.targetType ?? '' })),
  };
  return { registrationEnforcement: { authenticationMethodsRegistrationCampaign: campaign } };
}

/** A new target applies to every included target: the admin center offers one method per campaign. */
function includeTargets(change: CampaignChange, before: readonly GraphCampaignTarget[]): V1CampaignBody['includeTargets'] {
  const method = change.target ? GRAPH_METHODS[change.target] : undefined;
  const includes = before.map((target) => ({
    id: target.id ?? '',
    targetType: target.targetType ?? '',
    targetedAuthenticationMethod: method ?? target.targetedAuthenticationMethod ?? GRAPH_METHODS.microsoftAuthenticator,
  }));
  // "Enabled" in the admin center means everyone unless narrowed; turning on a campaign that names nobody would reach nobody.
  if (change.state === 'enabled' && includes.length === 0) {
    includes.push({ id: ALL_USERS, targetType: 'group', targetedAuthenticationMethod: method ?? GRAPH_METHODS.microsoftAuthenticator });
  }
  return includes;
}

function targetKind(target: GraphCampaignTarget, unknowns: string[]): CampaignTargetKind {
  if (target.targetType === 'group') return target.id === ALL_USERS ? 'allUsers' : 'group';
  if (target.targetType === 'user') return 'user';
  unknowns.push(`target type '${target.targetType ?? ''}'`);
  return 'unknown';
}
