import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { OutsideTopic } from '../../domain/guidance/outside-topic';
import { ArticleError } from './markdown-article';
import { isArticleId } from '../../domain/guidance/article';

export const OUTSIDE_TOPICS_FILE = 'outside-topics.yaml';

/**
 * The topics the bot declines (see OutsideTopic), from a YAML list of { id, title, questions }. A missing file
 * means none; a malformed one is refused with the reason, as a malformed article is, so it fails the start.
 */
export function parseOutsideTopics(text: string, file: string): OutsideTopic[] {
  let parsed: unknown;
  try {
    parsed = parseYaml(text) ?? [];
  } catch (error) {
    throw new ArticleError(file, `not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  if (!Array.isArray(parsed)) throw new ArticleError(file, 'must be a list of topics, each with id, title and questions');
  const seen = new Set<string>();
  return parsed.map((entry: unknown, index) => {
    const where = `topic ${index + 1}`;
    const item = (entry ?? {}) as Record<string, unknown>;
    const id = typeof item.id === 'string' ? item.id.trim() : '';
    if (!isArticleId(id)) throw new ArticleError(file, `${where}: id must be kebab-case (a-z, 0-9, -)`);
    if (seen.has(id)) throw new ArticleError(file, `${where}: id "${id}" is used twice`);
    seen.add(id);
    const title = typeof item.title === 'string' ? item.title.trim() : '';
    if (title === '') throw new ArticleError(file, `${where} (${id}): "title" is missing or empty`);
    const questions = item.questions;
    if (!Array.isArray(questions) || questions.length < 3 || questions.some((q) => typeof q !== 'string' || q.trim() === '')) {
      throw new ArticleError(file, `${where} (${id}): "questions" must list at least 3 texts`);
    }
    return { id, title, questions: questions.map((q: string) => q.trim()) };
  });
}

/** The topics in `<root>/outside-topics.yaml`, or none when there is no such file. */
export async function loadOutsideTopics(root: string, shownAs: string): Promise<OutsideTopic[]> {
  let text: string;
  try {
    text = await readFile(join(root, OUTSIDE_TOPICS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseOutsideTopics(text, shownAs);
}
