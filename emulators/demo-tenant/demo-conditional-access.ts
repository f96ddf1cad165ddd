import type { PolicySubjects } from './demo-policies';

/**
 * Conditional Access in v1.0 shapes (conditionalAccessPolicy, conditionalAccessConditionSet, conditionalAccessUsers,
 * conditionalAccessApplications, conditionalAccessGrantControls, authenticationStrengthPolicy). Every property the
 * v1.0 pages list is present, null or [] when unset, as Graph returns them.
 */

/** v1.0 authenticationStrengthPolicy, as Graph returns it inline in grantControls. */
export interface AuthenticationStrengthPolicy {
  id: string;
  createdDateTime: string;
  modifiedDateTime: string;
  displayName: string;
  description: string;
  policyType: 'builtIn' | 'custom';
  requirementsSatisfied: 'none' | 'mfa';
  allowedCombinations: string[];
}

export interface GuestsOrExternalUsers {
  /** A flags enum written comma-separated, e.g. "internalGuest,b2bCollaborationGuest". */
  guestOrExternalUserTypes: string;
  externalTenants: { '@odata.type': string; membershipKind: 'all' | 'enumerated' } | null;
}

export interface ConditionalAccessUsers {
  includeUsers: string[];
  excludeUsers: string[];
  includeGroups: string[];
  excludeGroups: string[];
  includeRoles: string[];
  excludeRoles: string[];
  includeGuestsOrExternalUsers: GuestsOrExternalUsers | null;
  excludeGuestsOrExternalUsers: GuestsOrExternalUsers | null;
}

export interface ConditionalAccessPolicy {
  id: string;
  templateId: string | null;
  displayName: string;
  description: string | null;
  createdDateTime: string;
  modifiedDateTime: string | null;
  state: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';
  conditions: {
    userRiskLevels: string[];
    signInRiskLevels: string[];
    clientAppTypes: string[];
    servicePrincipalRiskLevels: string[];
    insiderRiskLevels: string | null;
    platforms: unknown;
    locations: unknown;
    devices: unknown;
    clientApplications: unknown;
    authenticationFlows: unknown;
    applications: {
      includeApplications: string[];
      excludeApplications: string[];
      includeUserActions: string[];
      includeAuthenticationContextClassReferences: string[];
      applicationFilter: unknown;
    };
    users: ConditionalAccessUsers;
  };
  grantControls: {
    operator: 'AND' | 'OR';
    builtInControls: string[];
    customAuthenticationFactors: string[];
    termsOfUse: string[];
    /** A navigation property Graph returns inline (with an @odata.context annotation) in list and get alike. */
    authenticationStrength: AuthenticationStrengthPolicy | null;
  } | null;
  sessionControls: Record<string, unknown> | null;
}

/** Stable ids of the demo tenant's policies, the same in every generated tenant. */
export const CONDITIONAL_ACCESS_POLICY_IDS = {
  requireMfaForAllUsers: '0b1c2d3e-4f50-4a61-8b72-93a4b5c6d701',
  phishingResistantMfaForAdmins: '0b1c2d3e-4f50-4a61-8b72-93a4b5c6d702',
  blockLegacyAuthenticationReportOnly: '0b1c2d3e-4f50-4a61-8b72-93a4b5c6d703',
  requireMfaForGuestsDisabled: '0b1c2d3e-4f50-4a61-8b72-93a4b5c6d704',
} as const;

/** Entra's built-in "Phishing-resistant MFA" strength (the same id and content in every tenant). */
export const PHISHING_RESISTANT_MFA_STRENGTH: AuthenticationStrengthPolicy = Object.freeze({
  id: '00000000-0000-0000-0000-000000000004',
  createdDateTime: '2021-12-01T08:00:00Z',
  modifiedDateTime: '2021-12-01T08:00:00Z',
  displayName: 'Phishing-resistant MFA',
  description: 'Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key',
  policyType: 'builtIn',
  requirementsSatisfied: 'mfa',
  allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
}) as AuthenticationStrengthPolicy;

const ALL_GUEST_TYPES = 'internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser,serviceProvider';

/**
 * The demo's four policies: MFA for everyone (break-glass account and "MFA exclusions" left out), phishing-resistant
 * MFA for admin roles, legacy authentication blocked in report-only mode, and a guest policy left disabled.
 */
export function demoConditionalAccessPolicies(subjects: PolicySubjects): ConditionalAccessPolicy[] {
  const breakGlass = subjects.breakGlassUserId ? [subjects.breakGlassUserId] : [];
  const exclusions = subjects.mfaExclusionsGroupId ? [subjects.mfaExclusionsGroupId] : [];
  const adminRoles = subjects.directoryRoles.filter((r) => r.isPrivileged).map((r) => r.roleTemplateId);
  return [
    policy({
      id: CONDITIONAL_ACCESS_POLICY_IDS.requireMfaForAllUsers,
      displayName: 'Require MFA for all users',
      createdDateTime: '2024-09-02T10:00:00Z',
      state: 'enabled',
      users: users({ includeUsers: ['All'], excludeUsers: breakGlass, excludeGroups: exclusions }),
      builtInControls: ['mfa'],
    }),
    policy({
      id: CONDITIONAL_ACCESS_POLICY_IDS.phishingResistantMfaForAdmins,
      displayName: 'Require phishing-resistant MFA for administrators',
      createdDateTime: '2024-11-18T14:30:00Z',
      state: 'enabled',
      users: users({ includeRoles: adminRoles, excludeUsers: breakGlass }),
      builtInControls: [],
      authenticationStrength: PHISHING_RESISTANT_MFA_STRENGTH,
      sessionControls: {
        applicationEnforcedRestrictions: null,
        cloudAppSecurity: null,
        disableResilienceDefaults: null,
        persistentBrowser: null,
        signInFrequency: {
          value: 4,
          type: 'hours',
          authenticationType: 'primaryAndSecondaryAuthentication',
          frequencyInterval: 'timeBased',
          isEnabled: true,
        },
      },
    }),
    policy({
      id: CONDITIONAL_ACCESS_POLICY_IDS.blockLegacyAuthenticationReportOnly,
      displayName: 'Block legacy authentication',
      createdDateTime: '2025-02-10T08:45:00Z',
      state: 'enabledForReportingButNotEnforced',
      users: users({ includeUsers: ['All'], excludeUsers: breakGlass }),
      clientAppTypes: ['exchangeActiveSync', 'other'],
      builtInControls: ['block'],
    }),
    policy({
      id: CONDITIONAL_ACCESS_POLICY_IDS.requireMfaForGuestsDisabled,
      displayName: 'Require MFA for guests and external users',
      createdDateTime: '2025-05-20T16:00:00Z',
      state: 'disabled',
      users: users({
        includeGuestsOrExternalUsers: {
          guestOrExternalUserTypes: ALL_GUEST_TYPES,
          externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' },
        },
      }),
      builtInControls: ['mfa'],
    }),
  ];
}

function users(scope: Partial<ConditionalAccessUsers>): ConditionalAccessUsers {
  return {
    includeUsers: [],
    excludeUsers: [],
    includeGroups: [],
    excludeGroups: [],
    includeRoles: [],
    excludeRoles: [],
    includeGuestsOrExternalUsers: null,
    excludeGuestsOrExternalUsers: null,
    ...scope,
  };
}

interface PolicyPlan {
  id: string;
  displayName: string;
  createdDateTime: string;
  state: ConditionalAccessPolicy['state'];
  users: ConditionalAccessUsers;
  clientAppTypes?: string[];
  builtInControls: string[];
  authenticationStrength?: AuthenticationStrengthPolicy;
  sessionControls?: Record<string, unknown>;
}

/** Every policy targets all cloud apps; only who, which clients and what is required vary. */
function policy(plan: PolicyPlan): ConditionalAccessPolicy {
  return {
    id: plan.id,
    templateId: null,
    displayName: plan.displayName,
    description: null,
    createdDateTime: plan.createdDateTime,
    modifiedDateTime: plan.createdDateTime,
    state: plan.state,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: plan.clientAppTypes ?? ['all'],
      servicePrincipalRiskLevels: [],
      insiderRiskLevels: null,
      platforms: null,
      locations: null,
      devices: null,
      clientApplications: null,
      authenticationFlows: null,
      applications: {
        includeApplications: ['All'],
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: null,
      },
      users: plan.users,
    },
    grantControls: {
      operator: 'OR',
      builtInControls: plan.builtInControls,
      customAuthenticationFactors: [],
      termsOfUse: [],
      authenticationStrength: plan.authenticationStrength ?? null,
    },
    sessionControls: plan.sessionControls ?? null,
  };
}
