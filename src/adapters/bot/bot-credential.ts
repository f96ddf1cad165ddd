/** How the bot proves itself to the Bot Connector (and how inbound tokens are checked). */
export type BotCredential =
  | { kind: 'anonymous' }
  | { kind: 'secret'; appId: string; password: string; appType: 'SingleTenant' | 'MultiTenant' }
  | { kind: 'certificate'; appId: string; thumbprint: string; privateKeyFile: string; appType: 'SingleTenant' | 'MultiTenant' }
  | { kind: 'managedIdentity'; appId: string };

/** Where inbound Bot Connector tokens are checked. Unset keys mean the public cloud defaults. */
export interface TokenValidationConfig {
  openIdMetadataUrl?: string;
  emulatorOpenIdMetadataUrl?: string;
  tokenIssuer?: string;
}
