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
  external: '#microsoft.graph.externalAuthenticationMethod',
  qrCodePin: '#microsoft.graph.qrCodePinAuthenticationMethod',
} as const;

/**
 * Method types the v1.0 `authenticationMethod` page does not list (hardwareOathAuthenticationMethod is beta
 * only). Graph's note: listing a user's methods "only returns methods supported on this API version", so the
 * emulator's v1.0 live view leaves them out while the registration report still names them.
 */
export const BETA_ONLY_METHOD_TYPES: ReadonlySet<string> = new Set([METHOD_TYPES.hardwareOath]);

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
  /** v1.0 passkeyType; when absent the emulator derives it from the AAGUID (synced providers, else deviceBound). */
  passkeyType?: 'deviceBound' | 'synced';
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

/** v1.0 externalAuthenticationMethod: an external MFA provider registered for the user. */
export interface ExternalMethod {
  '@odata.type': typeof METHOD_TYPES.external;
  id: string;
  createdDateTime: string | null;
  configurationId: string;
  displayName: string;
}

/**
 * v1.0 qrCodePinAuthenticationMethod: a frontline worker's badge QR code plus PIN, a single-factor sign-in method
 * (not MFA). Its QR codes and PIN are relationships, not properties, so the method itself carries only these.
 */
export interface QrCodePinMethod {
  '@odata.type': typeof METHOD_TYPES.qrCodePin;
  id: string;
  createdDateTime: string | null;
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
  | TemporaryAccessPassMethod
  | ExternalMethod
  | QrCodePinMethod;

/** Authenticator Attestation GUIDs of passkeys held in Microsoft Authenticator (iOS, Android). */
export const AUTHENTICATOR_PASSKEY_AAGUIDS: ReadonlySet<string> = new Set([
  '90a3ccdf-635c-4729-a248-9b709135078f',
  'de1e552d-db1d-4423-a619-566b625cdc84',
]);

/** AAGUIDs of Windows Hello passkeys (hardware, VBS hardware, software), as Microsoft's passkey docs list them. */
export const WINDOWS_HELLO_PASSKEY_AAGUIDS: ReadonlySet<string> = new Set([
  '08987058-cadc-4b81-b6e1-30de50dcbe96',
  '9ddd1817-af5a-4672-a2b9-3e3dd95000a9',
  '6028b017-b1d4-4c02-b4b3-afcdafc96bb2',
]);

/**
 * AAGUIDs of synced passkey providers (Apple Passwords / iCloud Keychain, Google Password Manager), from the
 * community passkey-authenticator-aaguids list. The v1.0 fido2AuthenticationMethod has no "synced" flag, so the
 * AAGUID is all a live reader can go by; the report says passKeySynced.
 */
export const SYNCED_PASSKEY_AAGUIDS: ReadonlySet<string> = new Set([
  'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
]);

/** Every member has a password; the object carries no per-user data, so one frozen instance is shared. */
export const PASSWORD_METHOD: PasswordMethod = Object.freeze({
  '@odata.type': METHOD_TYPES.password,
  id: WELL_KNOWN_METHOD_IDS.password,
  password: null,
  createdDateTime: null,
});
