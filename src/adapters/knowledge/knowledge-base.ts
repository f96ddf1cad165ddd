import type { Article } from '../../domain/guidance/article';
import { projectFolder } from '../project-folder';
import { loadArticles } from './load-articles';
import { MiniSearchKnowledgeSearch } from './minisearch-knowledge-search';

/** The top-level knowledge/ folder. */
export function knowledgeFolder(): string {
  return projectFolder('knowledge');
}

/** Thrown when the knowledge base cannot be loaded: the start stops, naming the file and what is wrong. */
export class KnowledgeBaseError extends Error {
  constructor(detail: string) {
    super(`MFA Coach cannot start: the knowledge base could not be loaded. ${detail}`);
    this.name = 'KnowledgeBaseError';
  }
}

/** Every article, checked and indexed once; a malformed article or an empty folder stops the start. */
export async function loadKnowledgeBase(folder: string = knowledgeFolder()): Promise<{ search: MiniSearchKnowledgeSearch; articles: Article[] }> {
  let articles: Article[];
  try {
    articles = await loadArticles(folder);
  } catch (error) {
    throw new KnowledgeBaseError((error as Error).message);
  }
  if (articles.length === 0) throw new KnowledgeBaseError(`${folder} holds no articles.`);
  return { search: new MiniSearchKnowledgeSearch(articles), articles };
}
