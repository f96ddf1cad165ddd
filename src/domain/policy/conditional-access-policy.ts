/**
 * A Conditional Access policy, as far as MFA Coach needs it to judge who must do MFA. Our own words: the Graph
 * adapter (src/adapters/graph/conditional-access-policies.ts) translates Microsoft's spelling into these.
 *
 * Anything the adapter did not recognise (Graph's enums grow: `unknownFutureValue` and members added later) is
 * 'unknown' here and described in `unknowns`, and every rule below treats 'unknown' in the direction that can
 * only make coverage look worse, never better.
 */

/** 'on' is enforced; 'reportOnly' is evaluated and logged but never enforced, so it never protects anyone. */
export type PolicyState = 'on' | 'reportOnly' | 'off' | 'unknown';

/**
 * Kinds of guests and external users a policy can name. Only `internalGuest` and `b2bGuest` are people whose
 * directory entry says "guest"; the others are external people the directory lists as members or not at all.
 */
export type GuestKind = 'internalGuest' | 'b2bGuest' | 'b2bMember' | 'b2bDirectConnect' | 'otherExternal' | 'serviceProvider' | 'unknown';

export interface GuestScope {
  kinds: readonly GuestKind[];
  /** Only the guests of some outside organisations, not all of them. */
  someTenantsOnly: boolean;
}

/** Who a policy names. Roles are directory role template ids (the same in every tenant). */
export interface PeopleScope {
  users: readonly string[];
  groups: readonly string[];
  roles: readonly string[];
  guests: GuestScope | null;
}

export interface PolicyUsers {
  /** "All users": members and guests alike. */
  includeAll: boolean;
  include: PeopleScope;
  exclude: PeopleScope;
}

/**
 * Target resources. `include` holds 'All', a suite such as 'Office365' or 'MicrosoftAdminPortals', or app ids;
 * a policy aimed at user actions (registering security info) has none.
 */
export interface PolicyApps {
  include: readonly string[];
  exclude: readonly string[];
  /** The policy picks apps by a filter on their attributes as well: we cannot tell which apps that leaves. */
  filtered: boolean;
}

export type GrantControl =
  | 'block'
  | 'mfa'
  | 'compliantDevice'
  | 'domainJoinedDevice'
  | 'approvedApplication'
  | 'compliantApplication'
  | 'passwordChange'
  | 'unknown';

/** Entra's three built-in authentication strengths, or one the tenant defined. */
export type StrengthKind = 'mfa' | 'passwordless' | 'phishingResistant' | 'custom';

export interface AuthenticationStrength {
  id: string;
  name: string;
  kind: StrengthKind;
  /** Every method combination it allows resists phishing (passkeys, Windows Hello for Business, certificates). */
  phishingResistant: boolean;
  /** Satisfying it counts as MFA. 'unknown' when Graph did not say and it is not a built-in one. */
  grantsMfa: boolean | 'unknown';
}

export interface PolicyGrant {
  operator: 'AND' | 'OR' | 'unknown';
  controls: readonly GrantControl[];
  strength: AuthenticationStrength | null;
  /** Terms of use and custom controls: each is one more way to pass an OR policy. */
  otherControls: number;
}

export type NarrowingKind =
  'clientApps' | 'platforms' | 'locations' | 'signInRisk' | 'userRisk' | 'insiderRisk' | 'deviceFilter' | 'authenticationFlows';

/** A condition that makes the policy apply to some sign-ins only; `detail` is what the admin would recognise. */
export interface Narrowing {
  kind: NarrowingKind;
  detail: string;
}

export interface ConditionalAccessPolicy {
  id: string;
  name: string;
  state: PolicyState;
  users: PolicyUsers;
  apps: PolicyApps;
  grant: PolicyGrant;
  narrowedBy: readonly Narrowing[];
  /** Values the adapter did not know, e.g. "state 'enabledSomehow'": shown to admins, never guessed at. */
  unknowns: readonly string[];
}

/**
 * What a policy asks for, MFA-wise:
 * - 'required': nobody it applies to gets in without MFA (or a strength that counts as MFA);
 * - 'alternative': MFA is one way through, but an OR lets another control (a compliant device, terms of use,
 *   an unknown control) pass instead, so MFA is not strictly required;
 * - 'block': the policy blocks access outright, which protects but is not MFA;
 * - 'none': no MFA control at all.
 *
 * The rule: with AND every control is needed, so any MFA control makes MFA required; with OR, MFA is required
 * only when every control listed is an MFA one ('mfa' or a strength that grants MFA). A single control needs no
 * operator. An unknown operator over several controls is read as OR, the weaker.
 */
export type MfaRequirement = 'required' | 'alternative' | 'block' | 'none';

export function mfaRequirement(grant: PolicyGrant): MfaRequirement {
  if (grant.controls.includes('block')) return 'block';
  const strengthIsMfa = grant.strength !== null && grant.strength.grantsMfa === true;
  const hasMfa = grant.controls.includes('mfa') || strengthIsMfa;
  if (!hasMfa) return 'none';
  const total = grant.controls.length + (grant.strength ? 1 : 0) + grant.otherControls;
  if (total <= 1 || grant.operator === 'AND') return 'required';
  const nonMfa = grant.controls.filter((c) => c !== 'mfa').length + grant.otherControls + (grant.strength && !strengthIsMfa ? 1 : 0);
  return nonMfa === 0 ? 'required' : 'alternative';
}

/**
 * Whether passing the policy needs a phishing-resistant method whatever else is listed: the strength must be
 * phishing-resistant, and with OR it must be the only control (plain 'mfa' beside it would let an SMS through).
 */
export function requiresPhishingResistant(grant: PolicyGrant): boolean {
  if (!grant.strength?.phishingResistant || grant.controls.includes('block')) return false;
  const total = grant.controls.length + 1 + grant.otherControls;
  return total === 1 || grant.operator === 'AND';
}

/** 'All' with nothing carved out: an excluded app is a door MFA does not guard. */
export function targetsAllApps(apps: PolicyApps): boolean {
  return apps.include.includes('All') && apps.exclude.length === 0 && !apps.filtered;
}
