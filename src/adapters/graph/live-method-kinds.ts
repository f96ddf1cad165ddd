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
  /** microsoftAuthenticatorAuthenticationMethod: null unless registered for passwordless phone sign-in. */
  createdDateTime?: string | null;
}

/** AAGUIDs of passkeys kept in Microsoft Authenticator (iOS, Android), as Microsoft publishes them. */
const AUTHENTICATOR_PASSKEY_AAGUIDS: ReadonlySet<string> = new Set([
  '90a3ccdf-635c-4729-a248-9b709135078f',
  'de1e552d-db1d-4423-a619-566b625cdc84',
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
        kinds.add(method.aaGuid && AUTHENTICATOR_PASSKEY_AAGUIDS.has(method.aaGuid.toLowerCase()) ? 'passkey' : 'fido2SecurityKey');
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
      case 'passwordAuthenticationMethod':
        break;
      default:
        unknown?.add(type || '(no @odata.type)');
    }
  }
  return kinds.toArray();
}
