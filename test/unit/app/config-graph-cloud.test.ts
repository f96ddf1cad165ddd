import { loadDemoConfig, loadProductionConfig } from '../../../src/app/config';
import { complete, problemsOf, TENANT } from './production-settings';

describe('Graph cloud configuration', () => {
  it('is the public cloud by default', () => {
    expect(loadProductionConfig(complete).graph).toMatchObject({ cloud: 'public', baseUrl: 'https://graph.microsoft.com' });
  });

  it.each([
    ['public', 'https://graph.microsoft.com'],
    ['usgov', 'https://graph.microsoft.us'],
    ['usgovdod', 'https://dod-graph.microsoft.us'],
    ['china', 'https://microsoftgraph.chinacloudapi.cn'],
  ])('GRAPH_CLOUD=%s sends Graph requests to %s', (cloud, host) => {
    expect(loadProductionConfig({ ...complete, GRAPH_CLOUD: cloud }).graph).toMatchObject({ cloud, baseUrl: host });
  });

  it('reads the name whatever its case', () => {
    expect(loadProductionConfig({ ...complete, GRAPH_CLOUD: ' USGov ' }).graph.cloud).toBe('usgov');
  });

  it('lets GRAPH_BASE_URL move the requests while the cloud stays', () => {
    const config = loadProductionConfig({ ...complete, GRAPH_CLOUD: 'usgovdod', GRAPH_BASE_URL: 'http://127.0.0.1:8080' });
    expect(config.graph).toMatchObject({ cloud: 'usgovdod', baseUrl: 'http://127.0.0.1:8080' });
  });

  it('refuses an unknown cloud, naming the choices, together with the other problems', () => {
    const problems = problemsOf({ ...complete, GRAPH_CLOUD: 'germany', TENANT_ID: 'x' });
    expect(problems).toContainEqual('GRAPH_CLOUD must be one of public, usgov, usgovdod, china (default public).');
    expect(problems.join('\n')).toMatch(/TENANT_ID must be a GUID/);
  });

  it('keeps the demo on the public cloud, talking to its emulator', () => {
    const demo = loadDemoConfig({ GRAPH_CLOUD: 'china' }, { tenantId: TENANT, graphBaseUrl: 'http://127.0.0.1:9' });
    expect(demo.graph).toMatchObject({ cloud: 'public', baseUrl: 'http://127.0.0.1:9' });
  });
});
