import { AzureAuthorityHosts } from '@azure/identity';

/**
 * Microsoft Graph's clouds: where Graph answers and where Entra ID signs the app in, for each one.
 * Source: https://learn.microsoft.com/graph/deployments ("Microsoft Graph national cloud deployments").
 * GCC (moderate) tenants use the public cloud; GCC High is `usgov` (L4), DoD is `usgovdod` (L5). Both US
 * Government clouds sign in at login.microsoftonline.us. A token of one cloud is refused by every other.
 */
export const GRAPH_CLOUDS = {
  public: { graphOrigin: 'https://graph.microsoft.com', authorityHost: AzureAuthorityHosts.AzurePublicCloud },
  usgov: { graphOrigin: 'https://graph.microsoft.us', authorityHost: AzureAuthorityHosts.AzureGovernment },
  usgovdod: { graphOrigin: 'https://dod-graph.microsoft.us', authorityHost: AzureAuthorityHosts.AzureGovernment },
  china: { graphOrigin: 'https://microsoftgraph.chinacloudapi.cn', authorityHost: AzureAuthorityHosts.AzureChina },
} as const satisfies Record<string, { graphOrigin: string; authorityHost: string }>;

export type GraphCloud = keyof typeof GRAPH_CLOUDS;

export const GRAPH_CLOUD_NAMES = Object.keys(GRAPH_CLOUDS) as GraphCloud[];

export function isGraphCloud(value: string): value is GraphCloud {
  return Object.prototype.hasOwnProperty.call(GRAPH_CLOUDS, value);
}

/** What the Graph client, its credential and the app installer need to talk to one cloud. */
export interface GraphEndpoints {
  /** Where requests go, and the host `@odata.bind` URLs name: the cloud's Graph, or GRAPH_BASE_URL's origin. */
  graphOrigin: string;
  /** The token's audience: always the cloud's Graph. */
  scope: string;
  /** Where secret and certificate credentials sign in (managed identity ignores it). */
  authorityHost: string;
}

/**
 * The scope and the authority host follow the cloud, never GRAPH_BASE_URL: Entra ID only issues tokens for a
 * registered resource (the cloud's Graph), so a proxy or an emulator address is no audience it knows, and a proxy
 * forwards to a Graph that checks the token's audience against its own. Requests and bind URLs, on the other hand,
 * go where GRAPH_BASE_URL says, so that the emulator (or a proxy) sees the host it serves.
 */
export function graphEndpoints(cloud: GraphCloud, baseUrl?: string): GraphEndpoints {
  const { graphOrigin, authorityHost } = GRAPH_CLOUDS[cloud];
  return {
    graphOrigin: baseUrl ? new URL(baseUrl).origin : graphOrigin,
    scope: `${graphOrigin}/.default`,
    authorityHost,
  };
}
