import type { TurnContext } from 'botbuilder';
import {
  GPTTokenizer,
  OpenAIModel,
  Prompt,
  TextSection,
  type Memory,
  type PromptFunctions,
  type PromptTemplate,
} from '@microsoft/teams-ai';
import type { Article } from '../../domain/guidance/article';
import type { AnswerWriter, WrittenText } from '../../domain/ports/answer-writer';

/** Where the model is: OpenAI (or an OpenAI-compatible endpoint), or an Azure OpenAI deployment. Secrets inside. */
export type AnswerModelSettings =
  | { kind: 'openai'; apiKey: string; model: string; /** An OpenAI-compatible endpoint instead of api.openai.com/v1. */ baseUrl?: string }
  | { kind: 'azure'; endpoint: string; apiKey: string; deployment: string; apiVersion: string };

export interface OpenAIAnswerWriterOptions {
  /** The HTTP request's own limit; the caller has its own timeout too. */
  timeoutMs: number;
  /** Test seam: the HTTP transport under the client (default: Node's fetch). */
  fetch?: typeof fetch;
}

/** The most the model may write (tokens), and the most the prompt may take. */
const MAX_OUTPUT_TOKENS = 600;
const MAX_INPUT_TOKENS = 6000;

export const WRITER_INSTRUCTIONS = [
  "You are MFA Coach, an assistant that answers employees' questions about multi-factor authentication (MFA) and SMTP with OAuth2 for Office 365.",
  'Answer ONLY from the articles given in the next message. Do not use any other knowledge, and do not invent steps, settings, links or facts.',
  'Write a short, plain answer (at most about 120 words) in the language of the question; no markdown links, no headings.',
  'Cite the ids of the articles you used in "citedArticleIds". Only use ids of the articles given.',
  'If the articles do not answer the question, say you don\'t know: reply with an empty "answer" and an empty "citedArticleIds".',
  'Reply with one JSON object and nothing else: {"answer": "...", "citedArticleIds": ["article-id"]}.',
].join('\n');

/**
 * An `AnswerWriter` on teams-ai's OpenAIModel (OpenAI or Azure OpenAI): a prompt of the instructions, the given
 * articles and the question, sent through the model's completePrompt. Only the articles it is given go out;
 * the output is checked: no citation, or a citation of an article not given, is no answer.
 */
export class OpenAIAnswerWriter implements AnswerWriter {
  private readonly model: OpenAIModel;
  private readonly tokenizer = new GPTTokenizer();

  constructor(settings: AnswerModelSettings, options: OpenAIAnswerWriterOptions) {
    // No retries: a turn waits for this; the offline answer is the fallback. Error bodies are dropped, so
    // nothing the service echoes (a masked key, a prompt) reaches the library's own console output.
    const clientOptions = { timeout: options.timeoutMs, maxRetries: 0, fetch: withoutErrorBodies(options.fetch ?? fetch) };
    this.model =
      settings.kind === 'azure'
        ? new OpenAIModel({
            azureApiKey: settings.apiKey,
            azureEndpoint: settings.endpoint,
            azureDefaultDeployment: settings.deployment,
            azureApiVersion: settings.apiVersion,
            useSystemMessages: true,
            clientOptions,
          })
        : new OpenAIModel({
            apiKey: settings.apiKey,
            defaultModel: settings.model,
            ...(settings.baseUrl ? { endpoint: settings.baseUrl } : {}),
            useSystemMessages: true,
            clientOptions,
          });
  }

  async write(question: string, articles: Article[]): Promise<WrittenText | undefined> {
    if (articles.length === 0) return undefined;
    const template: PromptTemplate = {
      name: 'written-answer',
      prompt: new Prompt([
        new TextSection(WRITER_INSTRUCTIONS, 'system'),
        new TextSection(articlesText(articles), 'user'),
        new TextSection(`Question: ${question}`, 'user'),
      ]),
      config: {
        schema: 1.1,
        type: 'completion',
        completion: {
          completion_type: 'chat',
          frequency_penalty: 0,
          presence_penalty: 0,
          temperature: 0,
          top_p: 1,
          include_history: false,
          include_input: false,
          include_images: false,
          max_tokens: MAX_OUTPUT_TOKENS,
          max_input_tokens: MAX_INPUT_TOKENS,
        },
      },
    };
    const response = await this.model.completePrompt(NO_TURN, new ScratchMemory(), NO_FUNCTIONS, this.tokenizer, template);
    if (response.status !== 'success')
      throw new Error(`the model gave no answer (${response.status}: ${response.error?.message ?? 'no detail'})`);
    return parseWritten(response.message?.content, articles);
  }
}

/** The articles as the model sees them: id, title, short answer, steps, good-to-know points and sources; nothing else. */
export function articlesText(articles: Article[]): string {
  const blocks = articles.map((article) =>
    [
      `Article id: ${article.id}`,
      `Title: ${article.title}`,
      `Short answer: ${article.shortAnswer}`,
      ...(article.steps.length > 0 ? ['Steps:', ...article.steps.map((step, index) => `${index + 1}. ${step}`)] : []),
      // The points worth knowing often hold the answer itself ("can it be turned off?"): the model sees them too.
      ...(article.goodToKnow.length > 0 ? ['Good to know:', ...article.goodToKnow.map((point) => `- ${point}`)] : []),
      ...(article.sources.length > 0 ? ['Sources:', ...article.sources.map((url) => `- ${url}`)] : []),
    ].join('\n'),
  );
  return `Articles:\n\n${blocks.join('\n\n---\n\n')}`;
}

/** The model's JSON, leniently found (code fences, text around it); ids kept only when among the given articles. */
export function parseWritten(content: unknown, articles: Article[]): WrittenText | undefined {
  if (typeof content !== 'string') return undefined;
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.slice(start, end + 1));
  } catch {
    return undefined;
  }
  const { answer, citedArticleIds } = (parsed ?? {}) as { answer?: unknown; citedArticleIds?: unknown };
  if (typeof answer !== 'string' || answer.trim() === '' || !Array.isArray(citedArticleIds)) return undefined;
  const given = new Set(articles.map((article) => article.id));
  const cited = [...new Set(citedArticleIds.filter((id): id is string => typeof id === 'string' && given.has(id)))];
  return cited.length > 0 ? { text: answer.trim(), citedArticleIds: cited } : undefined;
}

/** A failed response without its body: the status and headers are enough to act on. */
function withoutErrorBodies(transport: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await transport(input, init);
    if (response.ok) return response;
    await response.body?.cancel().catch(() => undefined);
    return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** completePrompt takes a turn for prompt functions and events; this prompt has neither (plain text sections). */
const NO_TURN = undefined as unknown as TurnContext;

const NO_FUNCTIONS: PromptFunctions = {
  hasFunction: () => false,
  getFunction: (name) => {
    throw new Error(`no prompt function ${name}`);
  },
  invokeFunction: async (name) => {
    throw new Error(`no prompt function ${name}`);
  },
};

/** The model reads and writes a few temp values (e.g. temp.streamer); one write's scratch space. */
class ScratchMemory implements Memory {
  private readonly values = new Map<string, unknown>();
  deleteValue(path: string): void {
    this.values.delete(path);
  }
  hasValue(path: string): boolean {
    return this.values.has(path);
  }
  getValue<TValue = unknown>(path: string): TValue {
    return this.values.get(path) as TValue;
  }
  setValue(path: string, value: unknown): void {
    this.values.set(path, value);
  }
}
