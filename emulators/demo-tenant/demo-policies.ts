import { demoConditionalAccessPolicies, type ConditionalAccessPolicy } from './demo-conditional-access';
import type { DemoDirectoryRole } from './demo-tenant';

/**
 * The tenant's sign-in policies in Graph v1.0 shapes: the authentication methods policy (registration campaign
 * and per-method configurations), Conditional Access and security defaults. The emulator serves these as they
 * are, so every field name is Graph's; beta-only fields are left out on purpose (see each type).
 */

export interface CampaignExcludeTarget {
  /** A user or group object id. */
  id: string;
  targetType: 'user' | 'group';
}

export interface CampaignIncludeTarget extends CampaignExcludeTarget {
  /** v1.0 include-target page: "The value can be Fido2 or microsoftAuthenticator". */
  targetedAuthenticationMethod: string;
}

/**
 * v1.0 authenticationMethodsRegistrationCampaign. `enforceRegistrationAfterAllowedSnoozes` (the three-snooze
 * limit) is on the beta page only, so it is not part of this type and a v1.0 PATCH carrying it is refused.
 */
export interface RegistrationCampaign {
  snoozeDurationInDays: number;
  /** advancedConfigState: `default` is "Microsoft managed" in the admin center. */
  state: 'default' | 'enabled' | 'disabled';
  excludeTargets: CampaignExcludeTarget[];
  includeTargets: CampaignIncludeTarget[];
}

/** One item of authenticationMethodConfigurations: the common part; each type adds its own settings. */
export interface AuthenticationMethodConfiguration {
  '@odata.type': string;
  id: string;
  state: 'enabled' | 'disabled';
  excludeTargets: CampaignExcludeTarget[];
  [setting: string]: unknown;
}

export interface DemoPolicies {
  /** lastModifiedDateTime of the authentication methods policy. */
  authenticationMethodsPolicyModified: string;
  registrationCampaign: RegistrationCampaign;
  authenticationMethodConfigurations: AuthenticationMethodConfiguration[];
  conditionalAccessPolicies: ConditionalAccessPolicy[];
  /** identitySecurityDefaultsEnforcementPolicy.isEnabled; security defaults and Conditional Access exclude each other. */
  securityDefaultsEnabled: boolean;
}

/** Graph's keyword for "all users" in method and campaign targets (v1.0 GET example). */
export const ALL_USERS_TARGET = 'all_users';

const everyone = (extra: Record<string, unknown> = {}) => [
  { targetType: 'group', id: ALL_USERS_TARGET, isRegistrationRequired: false, ...extra },
];

/** Who the policies name: the tenant's break-glass account, its "MFA exclusions" group and its directory roles. */
export interface PolicySubjects {
  breakGlassUserId: string | null;
  mfaExclusionsGroupId: string | null;
  directoryRoles: readonly DemoDirectoryRole[];
}

export function buildDemoPolicies(subjects: PolicySubjects): DemoPolicies {
  return {
    authenticationMethodsPolicyModified: '2025-03-04T09:15:00Z',
    // Microsoft managed (default) nudges everyone towards Authenticator, one day between prompts.
    registrationCampaign: {
      snoozeDurationInDays: 1,
      state: 'default',
      excludeTargets: [],
      includeTargets: [{ id: ALL_USERS_TARGET, targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' }],
    },
    authenticationMethodConfigurations: demoMethodConfigurations(),
    conditionalAccessPolicies: demoConditionalAccessPolicies(subjects),
    securityDefaultsEnabled: false,
  };
}

/** Everything on for everyone except the temporary access pass, as a tenant mid-rollout would have it. */
function demoMethodConfigurations(): AuthenticationMethodConfiguration[] {
  const authenticatorFeature = {
    state: 'default',
    includeTarget: { targetType: 'group', id: ALL_USERS_TARGET },
    excludeTarget: { targetType: 'group', id: '00000000-0000-0000-0000-000000000000' },
  };
  return [
    {
      '@odata.type': '#microsoft.graph.fido2AuthenticationMethodConfiguration',
      id: 'Fido2',
      state: 'enabled',
      isSelfServiceRegistrationAllowed: true,
      isAttestationEnforced: false,
      keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
      excludeTargets: [],
      includeTargets: everyone(),
    },
    {
      '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration',
      id: 'MicrosoftAuthenticator',
      state: 'enabled',
      isSoftwareOathEnabled: false,
      featureSettings: {
        displayAppInformationRequiredState: authenticatorFeature,
        displayLocationInformationRequiredState: authenticatorFeature,
      },
      excludeTargets: [],
      includeTargets: everyone({ authenticationMode: 'any' }),
    },
    {
      '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration',
      id: 'Sms',
      state: 'enabled',
      excludeTargets: [],
      includeTargets: everyone({ isUsableForSignIn: false }),
    },
    {
      '@odata.type': '#microsoft.graph.voiceAuthenticationMethodConfiguration',
      id: 'Voice',
      state: 'enabled',
      isOfficePhoneAllowed: true,
      excludeTargets: [],
      includeTargets: everyone(),
    },
    {
      '@odata.type': '#microsoft.graph.softwareOathAuthenticationMethodConfiguration',
      id: 'SoftwareOath',
      state: 'enabled',
      excludeTargets: [],
      includeTargets: everyone(),
    },
    {
      '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration',
      id: 'TemporaryAccessPass',
      state: 'disabled',
      defaultLifetimeInMinutes: 60,
      defaultLength: 8,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: false,
      excludeTargets: [],
      includeTargets: everyone(),
    },
    {
      '@odata.type': '#microsoft.graph.emailAuthenticationMethodConfiguration',
      id: 'Email',
      state: 'enabled',
      allowExternalIdToUseEmailOtp: 'default',
      excludeTargets: [],
      includeTargets: everyone(),
    },
  ];
}
