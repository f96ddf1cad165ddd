import { readFileSync } from 'node:fs';
import { ConfigurationServiceClientCredentialFactory, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { AuthenticationConstants, type ServiceClientCredentialsFactory } from 'botframework-connector';
import { CallerIdConstants } from 'botframework-schema';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotCredential, TokenValidationConfig } from './bot-credential';

/**
 * Builds the CloudAdapter that checks every incoming token (production) or none (anonymous demo).
 *
 * botbuilder switches to "parameterized" authentication as soon as any endpoint key is set, and then every
 * key left out becomes undefined instead of its public-cloud default (a lone metadata URL makes every
 * token fail). So when the metadata URL is overridden, all the related keys are set together here.
 */
export function createTeamsAdapter(
  credential: BotCredential,
  tenantId: string,
  tokenValidation: TokenValidationConfig,
  credentialsFactory: ServiceClientCredentialsFactory = credentialsFactoryFor(credential, tenantId),
): TeamsAdapter {
  const appId = credential.kind === 'anonymous' ? '' : credential.appId;
  const singleTenant = 'appType' in credential ? credential.appType === 'SingleTenant' : true;
  const options: ConfigurationBotFrameworkAuthenticationOptions = { MicrosoftAppId: appId, MicrosoftAppTenantId: tenantId };
  if (tokenValidation.openIdMetadataUrl) {
    Object.assign(options, {
      ToBotFromChannelOpenIdMetadataUrl: tokenValidation.openIdMetadataUrl,
      // Tokens shaped like the Bot Framework Emulator's skip the serviceUrl check, so they get their own key source.
      ToBotFromEmulatorOpenIdMetadataUrl: tokenValidation.emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      ToBotFromChannelTokenIssuer: tokenValidation.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
      ToChannelFromBotLoginUrl: singleTenant ? `https://login.microsoftonline.com/${tenantId}` : AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    });
  }
  return new TeamsAdapter(options, credentialsFactory);
}

function credentialsFactoryFor(credential: BotCredential, tenantId: string): ServiceClientCredentialsFactory {
  switch (credential.kind) {
    case 'anonymous':
      // An empty app id is botbuilder's switch for "no authentication": allowed only in demo mode on loopback.
      return new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: '' });
    case 'secret':
      return new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: credential.appId, MicrosoftAppPassword: credential.password,
        MicrosoftAppType: credential.appType, MicrosoftAppTenantId: tenantId,
      });
    case 'certificate':
      return new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: credential.appId, MicrosoftAppType: credential.appType, MicrosoftAppTenantId: tenantId,
        CertificateThumbprint: credential.thumbprint,
        CertificatePrivateKey: readFileSync(credential.privateKeyFile, 'utf8'),
      });
    case 'managedIdentity':
      return new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: credential.appId, MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppTenantId: tenantId,
      });
  }
}
