import { AzureAuthorityHosts } from '@azure/identity';
import { GRAPH_CLOUD_NAMES, graphEndpoints, isGraphCloud } from '../../../../src/adapters/graph/graph-clouds';

describe('graphEndpoints', () => {
  it.each([
    ['public', 'https://graph.microsoft.com', 'https://login.microsoftonline.com'],
    ['usgov', 'https://graph.microsoft.us', 'https://login.microsoftonline.us'],
    ['usgovdod', 'https://dod-graph.microsoft.us', 'https://login.microsoftonline.us'],
    ['china', 'https://microsoftgraph.chinacloudapi.cn', 'https://login.chinacloudapi.cn'],
  ] as const)('%s: Graph at %s, sign-in at %s', (cloud, graphOrigin, authorityHost) => {
    expect(graphEndpoints(cloud)).toEqual({ graphOrigin, scope: `${graphOrigin}/.default`, authorityHost });
  });

  it("names the same sign-in hosts as @azure/identity's AzureAuthorityHosts", () => {
    expect(graphEndpoints('public').authorityHost).toBe(AzureAuthorityHosts.AzurePublicCloud);
    expect(graphEndpoints('usgov').authorityHost).toBe(AzureAuthorityHosts.AzureGovernment);
    expect(graphEndpoints('china').authorityHost).toBe(AzureAuthorityHosts.AzureChina);
  });

  it("sends requests to GRAPH_BASE_URL's origin, but keeps the cloud's scope and sign-in host", () => {
    expect(graphEndpoints('usgov', 'http://127.0.0.1:4010/')).toEqual({
      graphOrigin: 'http://127.0.0.1:4010',
      scope: 'https://graph.microsoft.us/.default',
      authorityHost: 'https://login.microsoftonline.us',
    });
    expect(graphEndpoints('china', 'https://graph-proxy.contoso.cn/v1.0').graphOrigin).toBe('https://graph-proxy.contoso.cn');
  });

  it('knows exactly the four clouds', () => {
    expect(GRAPH_CLOUD_NAMES).toEqual(['public', 'usgov', 'usgovdod', 'china']);
    expect(isGraphCloud('germany')).toBe(false);
    expect(isGraphCloud('toString')).toBe(false);
  });
});
