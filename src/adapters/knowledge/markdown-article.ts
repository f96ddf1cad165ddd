import { parse as parseYaml } from 'yaml';
import { ARTICLE_AUDIENCES, isArticleId, type Article, type ArticleAudience } from '../../domain/guidance/article';
import type { ErrorCode } from '../../domain/errors';

/** What is wrong with one article file, said so that its author can fix it. */
export class ArticleError extends Error {
  readonly errorCode: ErrorCode = 'KNOWLEDGE-INVALID';
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
  }
}

export const MAX_SHORT_ANSWER_CHARS = 600;
export const MAX_STEPS = 7;

/**
 * One `knowledge/**\/<id>.md` file: YAML front matter (id, title, audience, tags, questions, sources), then
 * the short answer as the first paragraph, then optional "## Steps" (a numbered list) and "## Good to know"
 * (bullets). Anything malformed is refused with the reason, so a broken article fails the build, not a chat.
 */
export function parseArticle(text: string, file: string): Article {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) throw new ArticleError(file, 'no front matter: the file must start with a block between two "---" lines');
  let meta: Record<string, unknown>;
  try {
    meta = (parseYaml(match[1]!) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new ArticleError(file, `the front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const expectedId = file.replace(/\\/g, '/').split('/').pop()!.replace(/\.md$/, '');
  const id = text1(meta, 'id', file);
  if (!isArticleId(id)) throw new ArticleError(file, `id "${id}" must be kebab-case (a-z, 0-9, -)`);
  if (id !== expectedId) throw new ArticleError(file, `id "${id}" must match the file name "${expectedId}"`);
  const audience = text1(meta, 'audience', file);
  if (!(ARTICLE_AUDIENCES as readonly string[]).includes(audience)) throw new ArticleError(file, `audience must be one of ${ARTICLE_AUDIENCES.join(', ')}`);
  const tags = list(meta, 'tags', file, 3);
  if (tags.some((tag) => tag !== tag.toLowerCase())) throw new ArticleError(file, 'tags must be lower case');
  const sources = list(meta, 'sources', file, 1);
  for (const source of sources) {
    if (!isHttpsUrl(source)) throw new ArticleError(file, `source "${source}" is not an https address`);
  }
  const body = sections(match[2]!);
  if (body.shortAnswer === '') throw new ArticleError(file, 'the body must start with the short answer (a paragraph)');
  if (body.shortAnswer.length > MAX_SHORT_ANSWER_CHARS) throw new ArticleError(file, `the short answer is over ${MAX_SHORT_ANSWER_CHARS} characters`);
  if (body.steps.length > MAX_STEPS) throw new ArticleError(file, `at most ${MAX_STEPS} steps`);
  return {
    id,
    title: text1(meta, 'title', file),
    audience: audience as ArticleAudience,
    tags,
    questions: list(meta, 'questions', file, 1),
    sources,
    ...body,
  };
}

function text1(meta: Record<string, unknown>, key: string, file: string): string {
  const value = meta[key];
  if (typeof value !== 'string' || value.trim() === '') throw new ArticleError(file, `"${key}" is missing or empty`);
  return value.trim();
}

function list(meta: Record<string, unknown>, key: string, file: string, atLeast: number): string[] {
  const value = meta[key];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
    throw new ArticleError(file, `"${key}" must be a list of texts`);
  }
  if (value.length < atLeast) throw new ArticleError(file, `"${key}" needs at least ${atLeast}`);
  return value.map((item: string) => item.trim());
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The short answer (first paragraph), the numbered steps and the bullets, from the Markdown body. */
function sections(markdown: string): Pick<Article, 'shortAnswer' | 'steps' | 'goodToKnow'> {
  const parts = markdown.split(/^##\s+/m);
  const intro = parts[0]!.trim().split(/\r?\n\s*\r?\n/)[0] ?? '';
  const section = (title: RegExp) => parts.slice(1).find((part) => title.test(part.split('\n')[0]!.trim())) ?? '';
  const items = (text: string, marker: RegExp) =>
    text.split('\n').slice(1).filter((line) => marker.test(line)).map((line) => line.replace(marker, '').trim()).filter(Boolean);
  return {
    shortAnswer: intro.replace(/\s*\r?\n\s*/g, ' ').trim(),
    steps: items(section(/^steps$/i), /^\s*\d+[.)]\s+/),
    goodToKnow: items(section(/^good to know$/i), /^\s*[-*]\s+/),
  };
}
