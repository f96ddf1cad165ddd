import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Article } from '../../domain/guidance/article';
import { ArticleError, parseArticle } from './markdown-article';

/** Every article under `root` (subfolders by topic), each checked; ids are unique across folders. */
export async function loadArticles(root: string): Promise<Article[]> {
  const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.md') && !file.toLowerCase().endsWith('readme.md')).sort();
  const articles: Article[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const shown = relative(process.cwd(), join(root, file));
    const article = parseArticle(await readFile(join(root, file), 'utf8'), shown);
    const earlier = seen.get(article.id);
    if (earlier) throw new ArticleError(shown, `id "${article.id}" is already used by ${earlier}`);
    seen.set(article.id, shown);
    articles.push(article);
  }
  return articles;
}
