import { join, relative } from 'node:path';
import type { Article } from '../../domain/guidance/article';
import { projectFolder } from '../project-folder';
import type { OutsideTopic } from '../../domain/guidance/outside-topic';
import { loadArticles } from './load-articles';
import { MiniSearchKnowledgeSearch } from './minisearch-knowledge-search';
import { loadOutsideTopics, OUTSIDE_TOPICS_FILE } from './outside-topics-file';
import type { ErrorCode } from '../../domain/errors';

/** The top-level knowledge/ folder. */
export function knowledgeFolder(): string {
  return projectFolder('knowledge');
}

/** Thrown when the knowledge base cannot be loaded: the start stops, naming the file and what is wrong. */
export class KnowledgeBaseError extends Error {
  readonly errorCode: ErrorCode = 'KNOWLEDGE-INVALID';
  constructor(detail: string) {
    super(`MFA Coach cannot start: the knowledge base could not be loaded. ${detail}`);
    this.name = 'KnowledgeBaseError';
  }
}

/**
 * Every article and the topics the bot declines (outside-topics.yaml), checked and indexed once; a malformed
 * file or an empty folder stops the start.
 */
export async function loadKnowledgeBase(folder: string = knowledgeFolder()): Promise<{ search: MiniSearchKnowledgeSearch; articles: Article[]; outsideTopics: OutsideTopic[] }> {
  let articles: Article[];
  let outsideTopics: OutsideTopic[];
  try {
    articles = await loadArticles(folder);
    outsideTopics = await loadOutsideTopics(folder, relative(process.cwd(), join(folder, OUTSIDE_TOPICS_FILE)));
    const taken = articles.find((article) => outsideTopics.some((topic) => topic.id === article.id));
    if (taken) throw new Error(`${OUTSIDE_TOPICS_FILE}: topic id "${taken.id}" is also an article's id`);
  } catch (error) {
    throw new KnowledgeBaseError((error as Error).message);
  }
  if (articles.length === 0) throw new KnowledgeBaseError(`${folder} holds no articles.`);
  return { search: new MiniSearchKnowledgeSearch(articles, outsideTopics), articles, outsideTopics };
}
