/**
 * Authentication methods in our own words. Graph names them twice (report strings such as
 * `microsoftAuthenticatorPush`, live `@odata.type`s such as `#microsoft.graph.fido2AuthenticationMethod`);
 * the Graph adapter maps both onto these, so the rules below never see Graph's spelling.
 *
 * `passkey` is bound to one device (Authenticator, Windows Hello); `syncedPasskey` is copied across a person's
 * devices by their passkey provider. `externalAuth` is an external authentication method (another company's MFA
 * that Entra trusts). `unknownMethod` is a method Graph reported under a name this version does not know yet:
 * the person has something, so they are never counted as having no MFA. `qrCodePin` (frontline workers' badge
 * and PIN) is a single-factor sign-in, like a Temporary Access Pass it is not a second factor.
 */
export const METHOD_KINDS = [
  'authenticatorPush',
  'authenticatorPasswordless',
  'fido2SecurityKey',
  'passkey',
  'syncedPasskey',
  'windowsHelloForBusiness',
  'platformCredential',
  'certificate',
  'softwareOath',
  'hardwareOath',
  'externalAuth',
  'unknownMethod',
  'sms',
  'voice',
  'email',
  'temporaryAccessPass',
  'qrCodePin',
] as const;

export type MethodKind = (typeof METHOD_KINDS)[number];

export function isMethodKind(value: string): value is MethodKind {
  return (METHOD_KINDS as readonly string[]).includes(value);
}
