import type { MethodKind } from '../../domain/mfa/method-kind';
import { MethodKindSet } from './method-kind-set';
import type { UnknownMethodTally } from './unknown-method-tally';

/**
 * `methodsRegistered` values of `/reports/authenticationMethods/userRegistrationDetails` (an evolvable
 * enumeration: new members appear without notice) onto our method kinds. `null`: known, but not a second
 * factor we classify (a password, security questions, app passwords, a single-factor certificate).
 *
 * Security keys show up as `fido2SecurityKey` (older registrations) or `passKeyDeviceBound` (since the passkey
 * renaming); both are a FIDO2 key, as the live view's fido2AuthenticationMethod is, so both map to
 * fido2SecurityKey. A passkey held in Authenticator or Windows Hello is a `passkey`; `passKeySynced` (Apple,
 * Google and other passkey providers) a `syncedPasskey`. `externalAuthMethod` is another company's MFA that Entra
 * trusts; `qrCode` a frontline worker's QR code and PIN (single-factor). A name this version does not know yet is
 * an `unknownMethod`: the person has something the directory counts, so they are never "no MFA" (and the name is
 * tallied for the operators' log, so the mapping can learn it).
 * `mobilePhone` takes SMS (and calls); alternate mobile and office numbers take calls only.
 */
const REPORT_NAMES: Readonly<Record<string, MethodKind | null>> = {
  microsoftAuthenticatorPush: 'authenticatorPush',
  microsoftAuthenticatorPasswordless: 'authenticatorPasswordless',
  fido2SecurityKey: 'fido2SecurityKey',
  passKeyDeviceBound: 'fido2SecurityKey',
  passKeyDeviceBoundAuthenticator: 'passkey',
  passKeyDeviceBoundWindowsHello: 'passkey',
  passKeySynced: 'syncedPasskey',
  windowsHelloForBusiness: 'windowsHelloForBusiness',
  macOsSecureEnclaveKey: 'platformCredential',
  x509CertificateMultiFactor: 'certificate',
  softwareOneTimePasscode: 'softwareOath',
  hardwareOneTimePasscode: 'hardwareOath',
  mobilePhone: 'sms',
  sms: 'sms',
  alternateMobilePhone: 'voice',
  officePhone: 'voice',
  email: 'email',
  temporaryAccessPass: 'temporaryAccessPass',
  externalAuthMethod: 'externalAuth',
  qrCode: 'qrCodePin',
  password: null,
  securityQuestion: null,
  appPassword: null,
  x509CertificateSingleFactor: null,
};

export function reportMethodKinds(names: readonly string[] | null | undefined, unknown?: UnknownMethodTally): MethodKind[] {
  const kinds = new MethodKindSet();
  for (const name of names ?? []) {
    const kind = REPORT_NAMES[name];
    if (kind) kinds.add(kind);
    else if (kind === undefined) {
      kinds.add('unknownMethod');
      unknown?.add(name);
    }
  }
  return kinds.toArray();
}
