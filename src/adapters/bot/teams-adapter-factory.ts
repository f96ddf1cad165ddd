import { readFileSync } from 'node:fs';
import { ConfigurationServiceClientCredentialFactory, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type ServiceClientCredentialsFactory } from 'botframework-connector';
import { CallerIdConstants } from 'botframework-schema';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotCredential, TokenValidationConfig } from './bot-credential';
import { DEFAULT_CONNECTOR_CALL_LIMITS, limitConnectorCalls, type ConnectorCallLimits } from './connector-call-policy';

/** What an authenticated turn answers over HTTP, or why the token was refused. */
export type TurnResponse = { status: number; body?: unknown } | { status: 401; refused: string };

/**
 * teams-ai's adapter, taking an activity the HTTP layer has already read and checked. CloudAdapter's own
 * `process` wants a parsed body on the request and prints a stack trace to the console for every refused token;
 * the server reads the body itself (under limits) and logs refusals as one line, so it calls this instead.
 */
export class TeamsBotAdapter extends TeamsAdapter {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    credentialsFactory: ServiceClientCredentialsFactory,
    connectorLimits: ConnectorCallLimits = DEFAULT_CONNECTOR_CALL_LIMITS,
  ) {
    super(options, credentialsFactory);
    limitEveryConnectorClient(this.botFrameworkAuthentication, connectorLimits);
  }

  async processCheckedActivity(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<TurnResponse> {
    try {
      const invokeResponse: InvokeResponse | undefined = await this.processActivity(authorization, withDates(activity), logic);
      return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
    } catch (error) {
      if (error instanceof AuthenticationError || (error as { statusCode?: number }).statusCode === 401) {
        return { status: 401, refused: (error as Error).message.split('\n')[0]!.slice(0, 200) };
      }
      throw error;
    }
  }
}

type Authentication = TeamsAdapter['botFrameworkAuthentication'];
type ConnectorFactory = ReturnType<Authentication['createConnectorFactory']>;

/**
 * Every Connector client botbuilder makes comes from a connector factory: one for proactive sends and new chats
 * (`createConnectorFactory`), one per incoming turn (on the result of `authenticateRequest`). Both are wrapped so
 * that each client they make gets MFA Coach's deadline and retry rules (see connector-call-policy.ts).
 */
function limitEveryConnectorClient(authentication: Authentication, limits: ConnectorCallLimits): void {
  const limited = (factory: ConnectorFactory): ConnectorFactory =>
    Object.assign(Object.create(factory) as ConnectorFactory, {
      create: async (serviceUrl: string, audience?: string) => limitConnectorCalls(await factory.create(serviceUrl, audience), limits),
    });
  const createConnectorFactory = authentication.createConnectorFactory.bind(authentication);
  const authenticateRequest = authentication.authenticateRequest.bind(authentication);
  Object.assign(authentication, {
    createConnectorFactory: (claims: Parameters<Authentication['createConnectorFactory']>[0]) => limited(createConnectorFactory(claims)),
    authenticateRequest: async (...args: Parameters<Authentication['authenticateRequest']>) => {
      const result = await authenticateRequest(...args);
      return result.connectorFactory ? { ...result, connectorFactory: limited(result.connectorFactory) } : result;
    },
  });
}

/** What botbuilder's own `process` does to a parsed body: ISO strings become dates, the text kept as raw*. */
function withDates(activity: Activity): Activity {
  const fixed = activity as Activity & Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = fixed[field];
    if (typeof value === 'string') Object.assign(fixed, { [raw]: value, [field]: new Date(value) });
  }
  return fixed;
}

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
  connectorLimits: ConnectorCallLimits = DEFAULT_CONNECTOR_CALL_LIMITS,
): TeamsBotAdapter {
  const appId = credential.kind === 'anonymous' ? '' : credential.appId;
  const singleTenant = 'appType' in credential ? credential.appType === 'SingleTenant' : true;
  const options: ConfigurationBotFrameworkAuthenticationOptions = { MicrosoftAppId: appId, MicrosoftAppTenantId: tenantId };
  if (tokenValidation.openIdMetadataUrl) {
    Object.assign(options, {
      ToBotFromChannelOpenIdMetadataUrl: tokenValidation.openIdMetadataUrl,
      // Tokens shaped like the Bot Framework Emulator's skip the serviceUrl check, so they get their own key source.
      ToBotFromEmulatorOpenIdMetadataUrl:
        tokenValidation.emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      ToBotFromChannelTokenIssuer: tokenValidation.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
      ToChannelFromBotLoginUrl: singleTenant
        ? `https://login.microsoftonline.com/${tenantId}`
        : AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    });
  }
  return new TeamsBotAdapter(options, credentialsFactory, connectorLimits);
}

function credentialsFactoryFor(credential: BotCredential, tenantId: string): ServiceClientCredentialsFactory {
  switch (credential.kind) {
    case 'anonymous':
      // An empty app id is botbuilder's switch for "no authentication": allowed only in demo mode on loopback.
      return new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: '' });
    case 'secret':
      return new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: credential.appId,
        MicrosoftAppPassword: credential.password,
        MicrosoftAppType: credential.appType,
        MicrosoftAppTenantId: tenantId,
      });
    case 'certificate':
      return new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: credential.appId,
        MicrosoftAppType: credential.appType,
        MicrosoftAppTenantId: tenantId,
        CertificateThumbprint: credential.thumbprint,
        CertificatePrivateKey: readFileSync(credential.privateKeyFile, 'utf8'),
      });
    case 'managedIdentity':
      return new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: credential.appId,
        MicrosoftAppType: 'UserAssignedMsi',
        MicrosoftAppTenantId: tenantId,
      });
  }
}
