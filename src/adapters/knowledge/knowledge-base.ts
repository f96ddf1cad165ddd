import { existsSync } from 'node:fs';
import type { Article } from '../../domain/guidance/article';
import { dirname, join } from 'node:path';
import { loadArticles } from './load-articles';
import { MiniSearchKnowledgeSearch } from './minisearch-knowledge-search';

/** The top-level knowledge/ folder (beside package.json), both when run from source and from dist/. */
export function knowledgeFolder(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'knowledge'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('The knowledge/ folder was not found above the knowledge adapter.');
    dir = parent;
  }
  return join(dir, 'knowledge');
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
