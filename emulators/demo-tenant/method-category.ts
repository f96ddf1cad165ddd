import { AUTHENTICATOR_PASSKEY_AAGUIDS, METHOD_TYPES, type AuthenticationMethod } from './authentication-method';

/**
 * The strongest kind of second factor a user holds, in the order the mix is described:
 * phishing-resistant > Microsoft Authenticator > OATH code > external MFA provider > phone (SMS/voice) > email > none.
 * Ground truth for tests and benchmarks; the bot itself classifies from the report. Passkeys of every kind
 * (security key, Authenticator, Windows Hello, synced) are FIDO2 methods, so phishing-resistant. A QR code with PIN
 * is a single-factor sign-in, not a second factor: it leaves a person at 'none'.
 */
export type MethodCategory = 'phishingResistant' | 'microsoftAuthenticator' | 'oath' | 'external' | 'phone' | 'email' | 'none';

export function methodCategoryOf(methods: readonly AuthenticationMethod[]): MethodCategory {
  let best: MethodCategory = 'none';
  const rank: Record<MethodCategory, number> = {
    phishingResistant: 6,
    microsoftAuthenticator: 5,
    oath: 4,
    external: 3,
    phone: 2,
    email: 1,
    none: 0,
  };
  const raise = (c: MethodCategory) => {
    if (rank[c] > rank[best]) best = c;
  };
  for (const m of methods) {
    switch (m['@odata.type']) {
      case METHOD_TYPES.fido2:
      case METHOD_TYPES.windowsHelloForBusiness:
      case METHOD_TYPES.platformCredential:
        raise('phishingResistant');
        break;
      case METHOD_TYPES.microsoftAuthenticator:
        raise('microsoftAuthenticator');
        break;
      case METHOD_TYPES.softwareOath:
      case METHOD_TYPES.hardwareOath:
        raise('oath');
        break;
      case METHOD_TYPES.external:
        raise('external');
        break;
      case METHOD_TYPES.phone:
        raise('phone');
        break;
      case METHOD_TYPES.email:
        raise('email');
        break;
      default:
        break;
    }
  }
  return best;
}

/** True when a FIDO2 method is a passkey kept in Microsoft Authenticator rather than a hardware key. */
export function isAuthenticatorPasskey(aaGuid: string): boolean {
  return AUTHENTICATOR_PASSKEY_AAGUIDS.has(aaGuid);
}
