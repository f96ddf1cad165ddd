import type { AnswerModelSettings } from '../adapters/answers/openai-answer-writer';
import { isSafeEndpoint, read, type Env } from './config-reading';

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
export const DEFAULT_AZURE_OPENAI_API_VERSION = '2024-10-21';
const OPENAI_SETTINGS = ['OPENAI_API_KEY', 'OPENAI_MODEL', 'OPENAI_BASE_URL'] as const;
const AZURE_SETTINGS = ['AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_DEPLOYMENT', 'AZURE_OPENAI_API_VERSION'] as const;

/**
 * Model mode (answers written by a model from the articles found): off unless OPENAI_API_KEY, or the three
 * AZURE_OPENAI_* settings, are set. Problems name the settings, never their values.
 */
export function readAnswerModel(env: Env, problems: string[]): AnswerModelSettings | undefined {
  const openAiSet = OPENAI_SETTINGS.filter((name) => read(env, name) !== undefined);
  const azureSet = AZURE_SETTINGS.filter((name) => read(env, name) !== undefined);
  if (openAiSet.length > 0 && azureSet.length > 0) {
    problems.push(
      `Model answers: set either OPENAI_API_KEY (with OPENAI_MODEL, OPENAI_BASE_URL) or AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT, not both (set now: ${[...openAiSet, ...azureSet].join(', ')}).`,
    );
    return undefined;
  }
  if (openAiSet.length > 0) return readOpenAiModel(env, openAiSet, problems);
  if (azureSet.length > 0) return readAzureModel(env, problems);
  return undefined;
}

/** OpenAI, or an OpenAI-compatible API: the key, and the model and address when not the defaults. */
function readOpenAiModel(env: Env, openAiSet: readonly string[], problems: string[]): AnswerModelSettings | undefined {
  const apiKey = read(env, 'OPENAI_API_KEY');
  if (!apiKey) {
    problems.push(
      `OPENAI_API_KEY: ${openAiSet.join(' and ')} ${openAiSet.length > 1 ? 'are' : 'is'} set, but model answers need OPENAI_API_KEY too (or unset ${openAiSet.join(' and ')} to keep them off).`,
    );
    return undefined;
  }
  const baseUrl = read(env, 'OPENAI_BASE_URL');
  if (baseUrl !== undefined && !isSafeEndpoint(baseUrl, true)) {
    problems.push(
      'OPENAI_BASE_URL must be the https address of an OpenAI-compatible API, e.g. https://api.openai.com/v1 (http only on 127.0.0.1 or localhost).',
    );
    return undefined;
  }
  return { kind: 'openai', apiKey, model: read(env, 'OPENAI_MODEL') ?? DEFAULT_OPENAI_MODEL, ...(baseUrl ? { baseUrl } : {}) };
}

/** Azure OpenAI: the resource's address, its key, the chat model's deployment and the API version. */
function readAzureModel(env: Env, problems: string[]): AnswerModelSettings | undefined {
  const endpoint = read(env, 'AZURE_OPENAI_ENDPOINT');
  const apiKey = read(env, 'AZURE_OPENAI_API_KEY');
  const deployment = read(env, 'AZURE_OPENAI_DEPLOYMENT');
  const missing = (['AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_DEPLOYMENT'] as const).filter(
    (name) => read(env, name) === undefined,
  );
  if (missing.length > 0) {
    problems.push(
      `${missing.join(', ')}: Azure OpenAI model answers need AZURE_OPENAI_ENDPOINT (https://<resource>.openai.azure.com), AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT (the chat model's deployment name); unset the AZURE_OPENAI_* settings to keep them off.`,
    );
    return undefined;
  }
  if (!isSafeEndpoint(endpoint!, false)) {
    problems.push('AZURE_OPENAI_ENDPOINT must be the https address of the Azure OpenAI resource, e.g. https://contoso.openai.azure.com.');
    return undefined;
  }
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(deployment!)) {
    problems.push('AZURE_OPENAI_DEPLOYMENT must be a deployment name (letters, digits, ".", "_" and "-").');
    return undefined;
  }
  const apiVersion = read(env, 'AZURE_OPENAI_API_VERSION') ?? DEFAULT_AZURE_OPENAI_API_VERSION;
  if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(apiVersion)) {
    problems.push(`AZURE_OPENAI_API_VERSION must be an Azure OpenAI API version such as ${DEFAULT_AZURE_OPENAI_API_VERSION}.`);
    return undefined;
  }
  return { kind: 'azure', endpoint: endpoint!, apiKey: apiKey!, deployment: deployment!, apiVersion };
}
