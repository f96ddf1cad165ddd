import type { HealthCheck, HealthResult } from '../../domain/ports/health-check';
import type { AnswerModelSettings } from './openai-answer-writer';

const REACH_TIMEOUT_MS = 5000;
const OFF_IMPACT = "questions get the article's own card instead of a written answer";

/**
 * Doctor: the optional answer model's endpoint answers, and takes the key: one listing of its models (OpenAI's
 * `GET /models`, Azure OpenAI's `GET /openai/models`), which costs no tokens. The key goes in its header only; no
 * message here repeats it, nor anything the service says back.
 */
export function answerModelCheck(model: AnswerModelSettings | undefined, fetchImpl: typeof fetch = fetch): HealthCheck {
  return {
    name: 'Answer model',
    run: async () => {
      if (!model) return { status: 'ok', summary: 'not configured (answers come from the articles as they are)' };
      const { url, headers } = request(model);
      const where = new URL(url).origin;
      let status: number;
      try {
        const response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(REACH_TIMEOUT_MS), redirect: 'manual' });
        status = response.status;
        await response.body?.cancel();
      } catch {
        return fail(
          `no answer from ${where} within ${REACH_TIMEOUT_MS / 1000} s`,
          'check the endpoint setting and the network path from this host',
        );
      }
      if (status >= 200 && status < 300) return { status: 'ok', summary: `${where} answered and took the key` };
      if (status === 401 || status === 403)
        return fail(`${where} refused the key (${status})`, 'check the API key setting (a new key, or the right resource)');
      return {
        status: 'warn',
        summary: `${where} answered ${status} to a listing of its models`,
        impact: `if the chat endpoint fails alike, ${OFF_IMPACT}`,
        fix: 'check the endpoint (and for Azure the API version); a question in Teams shows whether answers are written',
      };
    },
  };
}

function request(model: AnswerModelSettings): { url: string; headers: Record<string, string> } {
  if (model.kind === 'azure') {
    const base = model.endpoint.replace(/\/+$/, '');
    return { url: `${base}/openai/models?api-version=${encodeURIComponent(model.apiVersion)}`, headers: { 'api-key': model.apiKey } };
  }
  const base = (model.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
  return { url: `${base}/models`, headers: { Authorization: `Bearer ${model.apiKey}` } };
}

function fail(summary: string, fix: string): HealthResult {
  return { status: 'fail', summary, impact: OFF_IMPACT, fix };
}
