import type { MethodKind } from '../../domain/mfa/method-kind';
import { MethodKindSet } from './method-kind-set';
import type { UnknownMethodTally } from './unknown-method-tally';

/** One item of `GET /users/{id}/authentication/methods`, as far as the mapping needs it. */
export interface LiveMethod {
  '@odata.type'?: string;
  /** phoneAuthenticationMethod: mobile, alternateMobile, office. */
  phoneType?: string;
  /** fido2AuthenticationMethod: which kind of authenticator holds the key. */
  aaGuid?: string;
  /** fido2AuthenticationMethod: deviceBound or synced, when Graph says (older items may not). */
  passkeyType?: string | null;
  /** microsoftAuthenticatorAuthenticationMethod: null unless registered for passwordless phone sign-in. */
  createdDateTime?: string | null;
}

/**
 * AAGUIDs of passkeys bound to a device that is not a security key: Microsoft Authenticator (iOS, Android), as
 * Microsoft publishes them, and Windows Hello (the passkey kind, not Windows Hello for Business).
 */
const DEVICE_PASSKEY_AAGUIDS: ReadonlySet<string> = new Set([
  '90a3ccdf-635c-4729-a248-9b709135078f',
  'de1e552d-db1d-4423-a619-566b625cdc84',
  '08987058-cadc-4b81-b6e1-30de50dcbe96',
  '9ddd1817-af5a-4672-a2b9-3e3dd95000a9',
  '6028b017-b1d4-4c02-b4b3-afcdafc96bb2',
]);

/**
 * AAGUIDs of synced passkey providers (Apple Passwords / iCloud Keychain, Google Password Manager), from the
 * community list of passkey authenticator AAGUIDs: the fallback when an item carries no passkeyType.
 */
const SYNCED_PASSKEY_AAGUIDS: ReadonlySet<string> = new Set([
  'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
]);

const PREFIX = '#microsoft.graph.';

/**
 * Live `@odata.type`s onto our method kinds, consistent with report-method-kinds.ts so that the registration
 * report and the per-user reading of one tenant classify everyone alike.
 */
export function liveMethodKinds(methods: readonly LiveMethod[] | null | undefined, unknown?: UnknownMethodTally): MethodKind[] {
  const kinds = new MethodKindSet();
  for (const method of methods ?? []) {
    const type = method['@odata.type'] ?? '';
    switch (type.startsWith(PREFIX) ? type.slice(PREFIX.length) : type) {
      case 'microsoftAuthenticatorAuthenticationMethod':
        kinds.add('authenticatorPush');
        if (method.createdDateTime) kinds.add('authenticatorPasswordless');
        break;
      case 'phoneAuthenticationMethod':
        kinds.add(method.phoneType === 'mobile' ? 'sms' : 'voice');
        break;
      case 'fido2AuthenticationMethod':
        kinds.add(fido2Kind(method));
        break;
      case 'windowsHelloForBusinessAuthenticationMethod':
        kinds.add('windowsHelloForBusiness');
        break;
      case 'platformCredentialAuthenticationMethod':
        kinds.add('platformCredential');
        break;
      case 'x509CertificateAuthenticationMethod':
        kinds.add('certificate');
        break;
      case 'softwareOathAuthenticationMethod':
        kinds.add('softwareOath');
        break;
      case 'hardwareOathAuthenticationMethod':
        kinds.add('hardwareOath');
        break;
      case 'emailAuthenticationMethod':
        kinds.add('email');
        break;
      case 'temporaryAccessPassAuthenticationMethod':
        kinds.add('temporaryAccessPass');
        break;
      case 'externalAuthenticationMethod':
        kinds.add('externalAuth');
        break;
      case 'qrCodePinAuthenticationMethod':
        kinds.add('qrCodePin');
        break;
      case 'passwordAuthenticationMethod':
        break;
      default:
        // Something the directory counts that this version cannot name: never "no MFA".
        kinds.add('unknownMethod');
        unknown?.add(type || '(no @odata.type)');
    }
  }
  return kinds.toArray();
}

/** A FIDO2 item: synced when Graph or the AAGUID says so, a device passkey by AAGUID, otherwise a security key. */
function fido2Kind(method: LiveMethod): MethodKind {
  const aaGuid = method.aaGuid?.toLowerCase() ?? '';
  if (method.passkeyType === 'synced' || SYNCED_PASSKEY_AAGUIDS.has(aaGuid)) return 'syncedPasskey';
  return DEVICE_PASSKEY_AAGUIDS.has(aaGuid) ? 'passkey' : 'fido2SecurityKey';
}
