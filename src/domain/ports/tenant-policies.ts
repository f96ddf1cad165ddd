import type { CampaignChange } from '../policy/campaign-change';
import type { ConditionalAccessPolicy } from '../policy/conditional-access-policy';
import type { RegistrationCampaign } from '../policy/registration-campaign';

/**
 * Why a read of the tenant's policies gave nothing: the app lacks a permission (waiting will not help, granting
 * `permission` will), or the service failed in another way (`detail` says how, in words fit for an admin).
 */
export type PolicyReadFailure = { reason: 'notPermitted'; permission: string; detail: string } | { reason: 'failed'; detail: string };

/** Each read stands alone: one refused or failing read never fails the others. */
export type PolicyRead<T> = { ok: true; value: T } | ({ ok: false } & PolicyReadFailure);

/** A group a policy names: its name when the directory gave one, and its users, nested groups included. */
export interface PolicyGroup {
  id: string;
  displayName?: string;
  /** Undefined when the directory has no such group (deleted since the policy named it). */
  memberIds?: readonly string[];
}

/**
 * The tenant's sign-in policies as MFA Coach reads them (Microsoft Entra through Graph in production): who must do
 * MFA (Conditional Access, security defaults), Entra's own registration campaign, and what is needed to count the
 * people a policy leaves out (members of the groups it names, holders of the roles it names). Read-only.
 */
export interface TenantPolicies {
  /** Every Conditional Access policy, whatever its state (report-only and disabled included). */
  conditionalAccessPolicies(): Promise<PolicyRead<ConditionalAccessPolicy[]>>;
  /** Whether security defaults are on (they and Conditional Access exclude each other). */
  securityDefaultsEnabled(): Promise<PolicyRead<boolean>>;
  registrationCampaign(): Promise<PolicyRead<RegistrationCampaign>>;
  /** These groups, in the order given, with their users (transitively). Only the few a policy names are asked for. */
  groups(groupIds: readonly string[]): Promise<PolicyRead<PolicyGroup[]>>;
  /** Group names only, for display: never fails (an id it cannot name is simply missing from the map). */
  groupNames(groupIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /**
   * Role template id (lower case) → the users holding an activated role made from it, directly or through a
   * role-assignable group. A role nobody holds, or not activated in the tenant, maps to no one.
   */
  roleHolders(roleTemplateIds: readonly string[]): Promise<PolicyRead<ReadonlyMap<string, readonly string[]>>>;
}

/**
 * Whether MFA Coach holds the permission to change the registration campaign, as far as it can tell before
 * trying: 'unknown' when the grant cannot be read ahead (the change then says so itself, as a refusal).
 */
export type CampaignWriteAccess = { granted: true } | { granted: false | 'unknown'; permission: string };

/**
 * Why a change was not made: the app lacks `permission`; Microsoft 365 refused the values ('refused', `detail` in
 * its words); it failed otherwise ('failed': nothing changed); or no answer came ('uncertain': the change may or
 * may not have been made, only a new read can tell).
 */
export type PolicyWriteFailure =
  { reason: 'notPermitted'; permission: string; detail: string } | { reason: 'refused' | 'failed' | 'uncertain'; detail: string };

export type PolicyWrite<T> = { ok: true; value: T } | ({ ok: false } & PolicyWriteFailure);

/**
 * Changing Entra's registration campaign (Microsoft Graph in production). Apart from TenantPolicies on purpose:
 * reading needs a read permission, writing its own, and most of the app only ever reads.
 */
export interface RegistrationCampaignChanges {
  campaignWriteAccess(): Promise<CampaignWriteAccess>;
  /** Writes a checked change (checkCampaignChange) and answers the campaign as it stands after it. */
  changeRegistrationCampaign(change: CampaignChange): Promise<PolicyWrite<RegistrationCampaign>>;
}
