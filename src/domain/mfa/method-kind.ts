/**
 * Authentication methods in our own words. Graph names them twice (report strings such as
 * `microsoftAuthenticatorPush`, live `@odata.type`s such as `#microsoft.graph.fido2AuthenticationMethod`);
 * the Graph adapter maps both onto these, so the rules below never see Graph's spelling.
 */
export const METHOD_KINDS = [
  'authenticatorPush',
  'authenticatorPasswordless',
  'fido2SecurityKey',
  'passkey',
  'windowsHelloForBusiness',
  'platformCredential',
  'certificate',
  'softwareOath',
  'hardwareOath',
  'sms',
  'voice',
  'email',
  'temporaryAccessPass',
] as const;

export type MethodKind = (typeof METHOD_KINDS)[number];

export function isMethodKind(value: string): value is MethodKind {
  return (METHOD_KINDS as readonly string[]).includes(value);
}
