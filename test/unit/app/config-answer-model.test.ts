import { ConfigError, loadDemoConfig, loadProductionConfig } from '../../../src/app/config';
import { complete, TENANT } from './production-settings';

const KEY = 'sk-secret-value-123';

function problemsOf(env: Record<string, string>): string {
  try {
    loadProductionConfig({ ...complete, ...env });
  } catch (error) {
    if (error instanceof ConfigError) {
      expect(error.message).not.toContain(KEY);
      return error.problems.join('\n');
    }
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('model answers configuration', () => {
  it('is off when nothing is set', () => {
    expect(loadProductionConfig(complete).answers.model).toBeUndefined();
    expect(loadDemoConfig({}, { tenantId: TENANT, graphBaseUrl: 'http://127.0.0.1:9' }).answers.model).toBeUndefined();
  });

  it('reads OpenAI with a default model, or a compatible endpoint', () => {
    expect(loadProductionConfig({ ...complete, OPENAI_API_KEY: KEY }).answers.model).toEqual({
      kind: 'openai',
      apiKey: KEY,
      model: 'gpt-4o-mini',
    });
    expect(
      loadProductionConfig({ ...complete, OPENAI_API_KEY: KEY, OPENAI_MODEL: 'gpt-4.1', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' })
        .answers.model,
    ).toEqual({ kind: 'openai', apiKey: KEY, model: 'gpt-4.1', baseUrl: 'http://127.0.0.1:11434/v1' });
  });

  it('reads Azure OpenAI with a default API version', () => {
    const env = {
      AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com',
      AZURE_OPENAI_API_KEY: KEY,
      AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini',
    };
    expect(loadProductionConfig({ ...complete, ...env }).answers.model).toEqual({
      kind: 'azure',
      endpoint: 'https://contoso.openai.azure.com',
      apiKey: KEY,
      deployment: 'gpt-4o-mini',
      apiVersion: '2024-10-21',
    });
  });

  it('says what to set, never echoing a value', () => {
    expect(problemsOf({ OPENAI_MODEL: 'gpt-4o' })).toMatch(/OPENAI_API_KEY: OPENAI_MODEL is set, but model answers need OPENAI_API_KEY/);
    expect(problemsOf({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: 'http://models.example.com/v1' })).toMatch(
      /OPENAI_BASE_URL must be the https address/,
    );
    expect(problemsOf({ AZURE_OPENAI_API_KEY: KEY })).toMatch(
      /AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_DEPLOYMENT: Azure OpenAI model answers need/,
    );
    expect(
      problemsOf({ AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_ENDPOINT: 'http://contoso.openai.azure.com' }),
    ).toMatch(/AZURE_OPENAI_ENDPOINT must be the https address/);
    expect(problemsOf({ OPENAI_API_KEY: KEY, AZURE_OPENAI_API_KEY: KEY })).toMatch(/set either OPENAI_API_KEY .* not both/);
  });
});
