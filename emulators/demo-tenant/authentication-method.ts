/**
 * Authentication methods in the shapes `GET /users/{id}/authentication/methods` returns (Graph v1.0).
 * The emulator serves these objects as they are, so every field name here is Graph's.
 */

export const METHOD_TYPES = {
  password: '#microsoft.graph.passwordAuthenticationMethod',
  microsoftAuthenticator: '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
  phone: '#microsoft.graph.phoneAuthenticationMethod',
  fido2: '#microsoft.graph.fido2AuthenticationMethod',
  windowsHelloForBusiness: '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
  softwareOath: '#microsoft.graph.softwareOathAuthenticationMethod',
  hardwareOath: '#microsoft.graph.hardwareOathAuthenticationMethod',
  email: '#microsoft.graph.emailAuthenticationMethod',
  platformCredential: '#microsoft.graph.platformCredentialAuthenticationMethod',
  temporaryAccessPass: '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
} as const;

/** Ids Microsoft documents as the same for every user. */
export const WELL_KNOWN_METHOD_IDS = {
  password: '28c10230-6103-485e-b985-444c60001490',
  email: '3ddfcfc8-9383-446f-83cc-3ab9be4be18f',
  mobilePhone: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobilePhone: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  officePhone: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
} as const;

export interface PasswordMethod {
  '@odata.type': typeof METHOD_TYPES.password;
  id: string;
  password: null;
  createdDateTime: string | null;
}

/**
 * Per the v1.0 resource page, `createdDateTime` "is null if the device isn't registered for passwordless
 * Phone Sign-In": the demo tenant uses exactly that to tell push-only from passwordless registrations.
 */
export interface MicrosoftAuthenticatorMethod {
  '@odata.type': typeof METHOD_TYPES.microsoftAuthenticator;
  id: string;
  displayName: string;
  deviceTag: string;
  phoneAppVersion: string;
  createdDateTime: string | null;
}

export type PhoneType = 'mobile' | 'alternateMobile' | 'office';

export interface PhoneMethod {
  '@odata.type': typeof METHOD_TYPES.phone;
  id: string;
  phoneNumber: string;
  phoneType: PhoneType;
  smsSignInState: 'notSupported' | 'notAllowedByPolicy' | 'notEnabled' | 'phoneNumberNotUnique' | 'ready' | 'notConfigured';
}

export interface Fido2Method {
  '@odata.type': typeof METHOD_TYPES.fido2;
  id: string;
  displayName: string;
  createdDateTime: string | null;
  aaGuid: string;
  model: string;
  attestationCertificates: string[];
  attestationLevel: 'attested' | 'notAttested';
}

export interface WindowsHelloForBusinessMethod {
  '@odata.type': typeof METHOD_TYPES.windowsHelloForBusiness;
  id: string;
  displayName: string;
  createdDateTime: string | null;
  keyStrength: 'normal' | 'weak' | 'unknown';
}

export interface SoftwareOathMethod {
  '@odata.type': typeof METHOD_TYPES.softwareOath;
  id: string;
  secretKey: null;
}

export interface HardwareOathMethod {
  '@odata.type': typeof METHOD_TYPES.hardwareOath;
  id: string;
  displayName: string | null;
  serialNumber: string;
  manufacturer: string;
  model: string;
}

export interface EmailMethod {
  '@odata.type': typeof METHOD_TYPES.email;
  id: string;
  emailAddress: string;
}

export interface PlatformCredentialMethod {
  '@odata.type': typeof METHOD_TYPES.platformCredential;
  id: string;
  displayName: string;
  createdDateTime: string | null;
  keyStrength: 'normal' | 'weak' | 'unknown';
  platform: 'unknown' | 'windows' | 'macOS' | 'iOS' | 'android' | 'linux';
}

export interface TemporaryAccessPassMethod {
  '@odata.type': typeof METHOD_TYPES.temporaryAccessPass;
  id: string;
  createdDateTime: string | null;
  startDateTime: string | null;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  isUsable: boolean;
  methodUsabilityReason: string;
}

export type AuthenticationMethod =
  | PasswordMethod
  | MicrosoftAuthenticatorMethod
  | PhoneMethod
  | Fido2Method
  | WindowsHelloForBusinessMethod
  | SoftwareOathMethod
  | HardwareOathMethod
  | EmailMethod
  | PlatformCredentialMethod
  | TemporaryAccessPassMethod;

/** Authenticator Attestation GUIDs of passkeys held in Microsoft Authenticator (iOS, Android). */
export const AUTHENTICATOR_PASSKEY_AAGUIDS: ReadonlySet<string> = new Set([
  '90a3ccdf-635c-4729-a248-9b709135078f',
  'de1e552d-db1d-4423-a619-566b625cdc84',
]);

/** Every member has a password; the object carries no per-user data, so one frozen instance is shared. */
export const PASSWORD_METHOD: PasswordMethod = Object.freeze({
  '@odata.type': METHOD_TYPES.password,
  id: WELL_KNOWN_METHOD_IDS.password,
  password: null,
  createdDateTime: null,
});
