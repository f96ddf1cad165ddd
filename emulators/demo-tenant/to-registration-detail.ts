import { METHOD_TYPES, SYNCED_PASSKEY_AAGUIDS, WINDOWS_HELLO_PASSKEY_AAGUIDS, type AuthenticationMethod } from './authentication-method';
import type { DemoUser } from './demo-tenant';
import { isAuthenticatorPasskey } from './method-category';
import { hashString } from './seeded-random';

/** One row of `GET /reports/authenticationMethods/userRegistrationDetails` (Graph v1.0), fields in the docs' order. */
export interface UserRegistrationDetail {
  id: string;
  userPrincipalName: string;
  userDisplayName: string;
  isAdmin: boolean;
  isSsprRegistered: boolean;
  isSsprEnabled: boolean;
  isSsprCapable: boolean;
  isMfaRegistered: boolean;
  isMfaCapable: boolean;
  isPasswordlessCapable: boolean;
  lastUpdatedDateTime: string;
  methodsRegistered: string[];
  isSystemPreferredAuthenticationMethodEnabled: boolean;
  systemPreferredAuthenticationMethods: string[];
  userPreferredMethodForSecondaryAuthentication: string;
  userType: 'member' | 'guest';
}

/**
 * The report's own vocabulary for methodsRegistered (not the method resource names). v1.0 types the property as
 * a plain string collection; the names are those of the usageAuthMethod enum (documented on its beta page),
 * which is also where `externalAuthMethod` and `qrCode` come from.
 */
export const REPORT_METHOD_NAMES = [
  'email',
  'mobilePhone',
  'alternateMobilePhone',
  'officePhone',
  'microsoftAuthenticatorPush',
  'microsoftAuthenticatorPasswordless',
  'softwareOneTimePasscode',
  'hardwareOneTimePasscode',
  'fido2SecurityKey',
  'passKeyDeviceBound',
  'passKeyDeviceBoundAuthenticator',
  'passKeyDeviceBoundWindowsHello',
  'passKeySynced',
  'windowsHelloForBusiness',
  'macOsSecureEnclaveKey',
  'temporaryAccessPass',
  'externalAuthMethod',
  'qrCode',
] as const;
export type ReportMethodName = (typeof REPORT_METHOD_NAMES)[number];

/**
 * Security keys registered before the passkey renaming show up as fido2SecurityKey in real tenants and newer ones
 * as passKeyDeviceBound. The demo reproduces both so a client has to treat them alike.
 */
const PASSKEY_NAMING_SINCE = Date.UTC(2024, 5, 1);

/** Report names for one method, in the order the report lists them. */
export function reportNamesOf(method: AuthenticationMethod): ReportMethodName[] {
  switch (method['@odata.type']) {
    case METHOD_TYPES.microsoftAuthenticator:
      return method.createdDateTime === null
        ? ['microsoftAuthenticatorPush']
        : ['microsoftAuthenticatorPush', 'microsoftAuthenticatorPasswordless'];
    case METHOD_TYPES.phone:
      return method.phoneType === 'mobile'
        ? ['mobilePhone']
        : method.phoneType === 'alternateMobile'
          ? ['alternateMobilePhone']
          : ['officePhone'];
    case METHOD_TYPES.fido2:
      if (isAuthenticatorPasskey(method.aaGuid)) return ['passKeyDeviceBoundAuthenticator'];
      if (WINDOWS_HELLO_PASSKEY_AAGUIDS.has(method.aaGuid)) return ['passKeyDeviceBoundWindowsHello'];
      if (method.passkeyType === 'synced' || SYNCED_PASSKEY_AAGUIDS.has(method.aaGuid)) return ['passKeySynced'];
      return method.createdDateTime !== null && Date.parse(method.createdDateTime) >= PASSKEY_NAMING_SINCE
        ? ['passKeyDeviceBound']
        : ['fido2SecurityKey'];
    case METHOD_TYPES.windowsHelloForBusiness:
      return ['windowsHelloForBusiness'];
    case METHOD_TYPES.platformCredential:
      return ['macOsSecureEnclaveKey'];
    case METHOD_TYPES.softwareOath:
      return ['softwareOneTimePasscode'];
    case METHOD_TYPES.hardwareOath:
      return ['hardwareOneTimePasscode'];
    case METHOD_TYPES.email:
      return ['email'];
    case METHOD_TYPES.temporaryAccessPass:
      return ['temporaryAccessPass'];
    case METHOD_TYPES.external:
      return ['externalAuthMethod'];
    case METHOD_TYPES.qrCodePin:
      return ['qrCode'];
    case METHOD_TYPES.password:
      return [];
  }
}

/**
 * Second factors. An external MFA provider satisfies MFA in Entra, so it counts; a QR code with PIN is a
 * single-factor sign-in for frontline workers and a temporary access pass is onboarding, so neither does.
 */
const MFA_NAMES: ReadonlySet<ReportMethodName> = new Set<ReportMethodName>([
  'mobilePhone',
  'alternateMobilePhone',
  'officePhone',
  'microsoftAuthenticatorPush',
  'microsoftAuthenticatorPasswordless',
  'softwareOneTimePasscode',
  'hardwareOneTimePasscode',
  'fido2SecurityKey',
  'passKeyDeviceBound',
  'passKeyDeviceBoundAuthenticator',
  'passKeyDeviceBoundWindowsHello',
  'passKeySynced',
  'windowsHelloForBusiness',
  'macOsSecureEnclaveKey',
  'externalAuthMethod',
]);
const PASSWORDLESS_NAMES: ReadonlySet<ReportMethodName> = new Set<ReportMethodName>([
  'microsoftAuthenticatorPasswordless',
  'fido2SecurityKey',
  'passKeyDeviceBound',
  'passKeyDeviceBoundAuthenticator',
  'passKeyDeviceBoundWindowsHello',
  'passKeySynced',
  'windowsHelloForBusiness',
  'macOsSecureEnclaveKey',
]);
/** Methods self-service password reset accepts (the demo tenant's policy asks for one). */
const SSPR_NAMES: ReadonlySet<ReportMethodName> = new Set<ReportMethodName>([
  'mobilePhone',
  'alternateMobilePhone',
  'officePhone',
  'email',
  'microsoftAuthenticatorPush',
  'softwareOneTimePasscode',
  'hardwareOneTimePasscode',
]);

/**
 * Derives a user's report row from their registered methods: the one place both views come from, so the
 * emulator's report and its live `/authentication/methods` can never disagree except by the lag the
 * emulator chooses to simulate. `methods` defaults to the user's generated ones.
 */
export function toRegistrationDetail(
  user: DemoUser,
  lastUpdated: string | Date,
  methods: readonly AuthenticationMethod[] = user.methods,
): UserRegistrationDetail {
  const names: ReportMethodName[] = [];
  for (const m of methods) for (const n of reportNamesOf(m)) if (!names.includes(n)) names.push(n);
  const has = (n: ReportMethodName) => names.includes(n);
  const isMember = user.userType === 'Member';
  const isMfaRegistered = names.some((n) => MFA_NAMES.has(n));
  const isSsprRegistered = names.some((n) => SSPR_NAMES.has(n));
  const isSsprEnabled = isMember;
  const systemPreferred = systemPreferredMethod(names);
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    userDisplayName: user.displayName,
    isAdmin: user.isAdmin,
    isSsprRegistered,
    isSsprEnabled,
    isSsprCapable: isSsprEnabled && isSsprRegistered,
    isMfaRegistered,
    // every method in the demo tenant is allowed by its authentication methods policy
    isMfaCapable: isMfaRegistered,
    isPasswordlessCapable: names.some((n) => PASSWORDLESS_NAMES.has(n)),
    lastUpdatedDateTime: typeof lastUpdated === 'string' ? lastUpdated : lastUpdated.toISOString(),
    methodsRegistered: names,
    isSystemPreferredAuthenticationMethodEnabled: true,
    systemPreferredAuthenticationMethods: systemPreferred === 'none' ? [] : [systemPreferred],
    userPreferredMethodForSecondaryAuthentication: userPreferredMethod(user.id, names, has),
    userType: isMember ? 'member' : 'guest',
  };
}

/** Only the values the v1.0 docs list for this property: push, oath, voiceMobile, voiceAlternateMobile, voiceOffice, sms, none. */
function systemPreferredMethod(names: readonly ReportMethodName[]): string {
  if (names.includes('microsoftAuthenticatorPush')) return 'push';
  if (names.includes('softwareOneTimePasscode') || names.includes('hardwareOneTimePasscode')) return 'oath';
  if (names.includes('mobilePhone')) return 'sms';
  if (names.includes('alternateMobilePhone')) return 'voiceAlternateMobile';
  if (names.includes('officePhone')) return 'voiceOffice';
  return 'none';
}

/** The user's own default; some Authenticator users keep SMS as their default, as in the docs' example. */
function userPreferredMethod(userId: string, names: readonly ReportMethodName[], has: (n: ReportMethodName) => boolean): string {
  if (has('microsoftAuthenticatorPush') && has('mobilePhone') && hashString(userId) % 4 === 0) return 'sms';
  return systemPreferredMethod(names);
}
