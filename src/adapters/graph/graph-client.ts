import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { GraphCredential } from './graph-credential';
import type { GraphEndpoints } from './graph-clouds';

export type AccessTokenSource = () => Promise<string>;

/**
 * Adds the bearer token to every request. The SDK's own AuthenticationHandler only does that for https
 * Graph hosts, so a local Graph emulator on http would get none; one middleware serves both.
 */
class BearerTokenMiddleware implements Middleware {
  private next?: Middleware;
  constructor(private readonly token: AccessTokenSource) {}

  async execute(context: Context): Promise<void> {
    const headers = new Headers((context.options?.headers ?? {}) as ConstructorParameters<typeof Headers>[0]);
    headers.set('Authorization', `Bearer ${await this.token()}`);
    context.options = { ...context.options, headers: Object.fromEntries(headers) };
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Tells each answer Graph gave (its HTTP status, or "error" when none came) to the operator's figures. It sits after
 * the SDK's RetryHandler, so each attempt is told, retries included: a 429 the handler retried still counts.
 */
class AnswerObserverMiddleware implements Middleware {
  private next?: Middleware;
  constructor(private readonly observe: (status: number | 'error') => void) {}

  async execute(context: Context): Promise<void> {
    try {
      await this.next!.execute(context);
    } catch (error) {
      this.observe('error');
      throw error;
    }
    this.observe(context.response?.status ?? 'error');
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Tokens for the cloud's Graph (`cloud.scope`). An app signs in at its own cloud's Entra ID (`authorityHost`):
 * a national cloud's app registration is unknown to the public login host. Managed identity takes no authority
 * host: the Azure host's identity endpoint already belongs to the cloud it runs in.
 */
export function tokenSourceFor(
  credential: GraphCredential,
  tenantId: string,
  cloud: Pick<GraphEndpoints, 'scope' | 'authorityHost'>,
): AccessTokenSource {
  if (credential.kind === 'static') return async () => credential.token;
  const { authorityHost } = cloud;
  const azure: TokenCredential =
    credential.kind === 'secret'
      ? new ClientSecretCredential(tenantId, credential.clientId, credential.secret, { authorityHost })
      : credential.kind === 'certificate'
        ? new ClientCertificateCredential(tenantId, credential.clientId, { certificatePath: credential.certificateFile }, { authorityHost })
        : new ManagedIdentityCredential(credential.clientId ? { clientId: credential.clientId } : {});
  return async () => {
    const token = await azure.getToken(cloud.scope);
    if (!token) throw new Error('Microsoft Graph gave no access token');
    return token.token;
  };
}

/**
 * One Graph client for the app: our token middleware, the SDK's RetryHandler (429/503/504, honours
 * Retry-After), then the HTTP call. `baseUrl` is Graph's origin: the cloud's (see graph-clouds.ts) or an emulator.
 * The RetryHandler serves one-off calls (findPerson); GraphDirectory's scans, rechecks and membership checks
 * switch it off per request and retry through their own pacer instead (see graph-caller.ts).
 */
export function createGraphClient(
  baseUrl: string,
  token: AccessTokenSource,
  retry = { delaySeconds: 3, maxRetries: 3 },
  observeAnswer?: (status: number | 'error') => void,
): Client {
  return Client.initWithMiddleware({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    defaultVersion: 'v1.0',
    middleware: [
      new BearerTokenMiddleware(token),
      new RetryHandler(new RetryHandlerOptions(retry.delaySeconds, retry.maxRetries)),
      ...(observeAnswer ? [new AnswerObserverMiddleware(observeAnswer)] : []),
      new HTTPMessageHandler(),
    ],
  });
}
