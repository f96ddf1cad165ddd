import { loadDemoConfig, loadProductionConfig } from '../../../src/app/config';
import { complete, problemsOf } from './production-settings';

const TOKEN = 'a'.repeat(64);
const demo = { tenantId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', graphBaseUrl: 'http://127.0.0.1:1' };

describe('who may read /metrics', () => {
  it('is nobody in production unless a token is set', () => {
    expect(loadProductionConfig(complete).metrics).toEqual({ kind: 'off' });
  });

  it('is a scraper with the token in production, under either name', () => {
    expect(loadProductionConfig({ ...complete, METRICS_TOKEN: TOKEN }).metrics).toEqual({ kind: 'token', token: TOKEN });
    expect(loadProductionConfig({ ...complete, SECRET_METRICS_TOKEN: TOKEN }).metrics).toEqual({ kind: 'token', token: TOKEN });
  });

  it('refuses a token short enough to guess, without echoing it', () => {
    const problems = problemsOf({ ...complete, METRICS_TOKEN: 'letmein-please' });
    expect(problems).toEqual([expect.stringMatching(/^METRICS_TOKEN must be at least 32 characters/)]);
    expect(problems.join(' ')).not.toContain('letmein-please');
  });

  it('is open in the demo, which listens on loopback only, and asks for the token when one is set', () => {
    expect(loadDemoConfig({}, demo).metrics).toEqual({ kind: 'open' });
    expect(loadDemoConfig({ METRICS_TOKEN: TOKEN }, demo).metrics).toEqual({ kind: 'token', token: TOKEN });
  });
});
