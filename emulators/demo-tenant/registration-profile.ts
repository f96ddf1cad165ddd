import {
  AUTHENTICATOR_PASSKEY_AAGUIDS,
  METHOD_TYPES,
  PASSWORD_METHOD,
  WELL_KNOWN_METHOD_IDS,
  type AuthenticationMethod,
  type Fido2Method,
  type PhoneMethod,
} from './authentication-method';
import { asciiLower } from './name-pool';
import { SeededRandom, WeightedPicker } from './seeded-random';

/**
 * Which methods a generated user registered. The weights give the tenant-wide mix the demo and the
 * benchmarks rely on: about 45% Microsoft Authenticator, 10% phishing-resistant, 8% software OATH,
 * 20% SMS/voice only, 2% email only, 15% nothing (password only).
 */
export type RegistrationProfile =
  | 'authenticatorPush'
  | 'authenticatorPushAndPhone'
  | 'authenticatorPasswordless'
  | 'authenticatorAndOath'
  | 'fido2'
  | 'fido2AndAuthenticator'
  | 'authenticatorPasskey'
  | 'windowsHello'
  | 'windowsHelloAndAuthenticator'
  | 'platformCredentialAndAuthenticator'
  | 'softwareOath'
  | 'softwareOathAndPhone'
  | 'mobilePhone'
  | 'mobileAndAlternatePhone'
  | 'officePhone'
  | 'emailOnly'
  | 'none';

export const REGISTRATION_MIX: readonly (readonly [RegistrationProfile, number])[] = [
  // Microsoft Authenticator: 45
  ['authenticatorPush', 19],
  ['authenticatorPushAndPhone', 15],
  ['authenticatorPasswordless', 7],
  ['authenticatorAndOath', 4],
  // phishing-resistant: 10
  ['fido2', 2.5],
  ['fido2AndAuthenticator', 2],
  ['authenticatorPasskey', 1],
  ['windowsHello', 2],
  ['windowsHelloAndAuthenticator', 2],
  ['platformCredentialAndAuthenticator', 0.5],
  // software OATH: 8
  ['softwareOath', 6],
  ['softwareOathAndPhone', 2],
  // SMS / voice only: 20
  ['mobilePhone', 14],
  ['mobileAndAlternatePhone', 3],
  ['officePhone', 3],
  // the rest
  ['emailOnly', 2],
  ['none', 15],
];

export const REGISTRATION_PICKER = new WeightedPicker(REGISTRATION_MIX);

/** What a profile needs from the person to fill in method details. */
export interface MethodOwner {
  givenName: string;
  surname: string;
  /** The office's phone prefix, e.g. '+1 206555'. */
  phonePrefix: string;
}

const ANDROID_PHONES = ['Pixel 8', 'Pixel 7a', 'Galaxy S23', 'Galaxy A54', 'moto g 5G'];
const IPHONES = ['iPhone 15', 'iPhone 14', 'iPhone 13', 'iPhone SE'];
const LAPTOPS = ['Surface Laptop 5', 'ThinkPad T14', 'Latitude 7440', 'EliteBook 840', 'Surface Pro 9'];
const SECURITY_KEYS: readonly { model: string; aaGuid: string }[] = [
  { model: 'YubiKey 5 NFC', aaGuid: '2fc0579f-8113-47ea-b116-555a8db9202a' },
  { model: 'YubiKey 5Ci', aaGuid: 'c5ef55ff-ad9a-4b9f-b580-adebafe026d0' },
  { model: 'Feitian ePass FIDO2', aaGuid: '833b721a-ff5f-4d00-bb2e-bdda3ec01e29' },
];
const AUTHENTICATOR_VERSIONS = ['6.2405.3472', '6.2409.6094', '6.8.12', '6.8.14'];
const PERSONAL_MAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

/** Fixed origin for generated timestamps: the tenant must not change with the day it is generated on. */
const REGISTRATION_EPOCH = Date.UTC(2025, 0, 1);

export function buildMethods(profile: RegistrationProfile, owner: MethodOwner, random: SeededRandom): AuthenticationMethod[] {
  const methods: AuthenticationMethod[] = [PASSWORD_METHOD];
  const add = (m: AuthenticationMethod) => methods.push(m);
  switch (profile) {
    case 'authenticatorPush':
      add(authenticator(owner, random, false));
      break;
    case 'authenticatorPushAndPhone':
      add(authenticator(owner, random, false));
      add(phone('mobile', owner, random));
      break;
    case 'authenticatorPasswordless':
      add(authenticator(owner, random, true));
      if (random.chance(0.5)) add(phone('mobile', owner, random));
      break;
    case 'authenticatorAndOath':
      add(authenticator(owner, random, false));
      add(softwareOath(random));
      break;
    case 'fido2':
      add(securityKey(random));
      break;
    case 'fido2AndAuthenticator':
      add(securityKey(random));
      add(authenticator(owner, random, random.chance(0.5)));
      break;
    case 'authenticatorPasskey':
      add(authenticator(owner, random, false));
      add(authenticatorPasskey(owner, random));
      break;
    case 'windowsHello':
      add(windowsHello(owner, random));
      break;
    case 'windowsHelloAndAuthenticator':
      add(windowsHello(owner, random));
      add(authenticator(owner, random, false));
      break;
    case 'platformCredentialAndAuthenticator':
      add({
        '@odata.type': METHOD_TYPES.platformCredential,
        id: random.guid(),
        displayName: `${owner.givenName}'s MacBook Pro`,
        createdDateTime: registeredAt(random),
        keyStrength: 'normal',
        platform: 'macOS',
      });
      add(authenticator(owner, random, false));
      break;
    case 'softwareOath':
      add(softwareOath(random));
      break;
    case 'softwareOathAndPhone':
      add(softwareOath(random));
      add(phone('mobile', owner, random));
      break;
    case 'mobilePhone':
      add(phone('mobile', owner, random));
      break;
    case 'mobileAndAlternatePhone':
      add(phone('mobile', owner, random));
      add(phone('alternateMobile', owner, random));
      break;
    case 'officePhone':
      add(phone('office', owner, random));
      break;
    case 'emailOnly':
      add(email(owner, random));
      break;
    case 'none':
      break;
  }
  // A quarter of the people who registered anything also gave a personal address for password reset.
  if (profile !== 'none' && profile !== 'emailOnly' && random.chance(0.25)) add(email(owner, random));
  return methods;
}

function authenticator(owner: MethodOwner, random: SeededRandom, passwordless: boolean): AuthenticationMethod {
  const android = random.chance(0.45);
  return {
    '@odata.type': METHOD_TYPES.microsoftAuthenticator,
    id: random.guid(),
    displayName: android ? random.pick(ANDROID_PHONES) : random.pick(IPHONES),
    deviceTag: 'SoftwareTokenActivated',
    phoneAppVersion: random.pick(AUTHENTICATOR_VERSIONS),
    createdDateTime: passwordless ? registeredAt(random) : null,
  };
}

function securityKey(random: SeededRandom): Fido2Method {
  const key = random.pick(SECURITY_KEYS);
  return {
    '@odata.type': METHOD_TYPES.fido2,
    id: random.base64url(22),
    displayName: random.chance(0.5) ? 'Security key' : key.model,
    createdDateTime: registeredAt(random),
    aaGuid: key.aaGuid,
    model: key.model,
    attestationCertificates: [],
    attestationLevel: 'attested',
  };
}

function authenticatorPasskey(owner: MethodOwner, random: SeededRandom): Fido2Method {
  const aaGuid = random.pick([...AUTHENTICATOR_PASSKEY_AAGUIDS]);
  return {
    '@odata.type': METHOD_TYPES.fido2,
    id: random.base64url(22),
    displayName: `${owner.givenName}'s passkey`,
    createdDateTime: registeredAt(random),
    aaGuid,
    model: aaGuid.startsWith('90a3') ? 'Microsoft Authenticator - iOS' : 'Microsoft Authenticator - Android',
    attestationCertificates: [],
    attestationLevel: 'notAttested',
  };
}

function windowsHello(owner: MethodOwner, random: SeededRandom): AuthenticationMethod {
  return {
    '@odata.type': METHOD_TYPES.windowsHelloForBusiness,
    id: random.guid(),
    displayName: `${owner.givenName.toUpperCase()}-${random.pick(LAPTOPS).replace(/\s+/g, '').toUpperCase().slice(0, 8)}`,
    createdDateTime: registeredAt(random),
    keyStrength: 'normal',
  };
}

function softwareOath(random: SeededRandom): AuthenticationMethod {
  return { '@odata.type': METHOD_TYPES.softwareOath, id: random.guid(), secretKey: null };
}

function phone(type: PhoneMethod['phoneType'], owner: MethodOwner, random: SeededRandom): PhoneMethod {
  const id =
    type === 'mobile'
      ? WELL_KNOWN_METHOD_IDS.mobilePhone
      : type === 'alternateMobile'
        ? WELL_KNOWN_METHOD_IDS.alternateMobilePhone
        : WELL_KNOWN_METHOD_IDS.officePhone;
  return {
    '@odata.type': METHOD_TYPES.phone,
    id,
    phoneNumber: `${owner.phonePrefix}${String(random.int(10000)).padStart(4, '0')}`,
    phoneType: type,
    smsSignInState: type === 'mobile' ? 'notAllowedByPolicy' : 'notSupported',
  };
}

function email(owner: MethodOwner, random: SeededRandom): AuthenticationMethod {
  const local = `${asciiLower(owner.givenName)}.${asciiLower(owner.surname)}${random.int(100)}`;
  return {
    '@odata.type': METHOD_TYPES.email,
    id: WELL_KNOWN_METHOD_IDS.email,
    emailAddress: `${local}@${random.pick(PERSONAL_MAIL_DOMAINS)}`,
  };
}

function registeredAt(random: SeededRandom): string {
  return new Date(REGISTRATION_EPOCH - random.int(900 * 86400) * 1000).toISOString().replace('.000Z', 'Z');
}
