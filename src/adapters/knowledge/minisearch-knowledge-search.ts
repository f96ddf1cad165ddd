import MiniSearch from 'minisearch';
import type { Article } from '../../domain/guidance/article';
import { questionWords, withSynonyms } from '../../domain/guidance/question-words';
import type { KnowledgeHit, KnowledgeSearch } from '../../domain/ports/knowledge-search';

/** How much a synonym counts next to a word actually typed. */
const SYNONYM_WEIGHT = 0.2;
/** Ranking is score × (COVERAGE_FLOOR + coverage): matching more of the question's words counts most. */
const COVERAGE_FLOOR = 0.2;
// Both tuned on eval/qa-questions.json (npm run eval:qa); docs/benchmarks.md has the figures.

interface IndexedArticle {
  id: string;
  title: string;
  questions: string;
  tags: string;
  shortAnswer: string;
}

/**
 * The knowledge base in memory (MiniSearch: BM25 ranking, typo tolerance, prefixes), built once at start
 * from the articles; a question takes a few milliseconds at most for the few dozen articles there are. Words go
 * through the same reading as questions (questionWords), and each question word also looks for its synonyms.
 */
export class MiniSearchKnowledgeSearch implements KnowledgeSearch {
  private readonly index: MiniSearch<IndexedArticle>;
  private readonly articles = new Map<string, Article>();

  constructor(articles: readonly Article[]) {
    this.index = new MiniSearch<IndexedArticle>({
      fields: ['title', 'questions', 'tags', 'shortAnswer'],
      tokenize: (text) => questionWords(text),
      processTerm: (term) => term,
      searchOptions: {
        boost: { title: 1, questions: 2, tags: 1, shortAnswer: 1 },
        // Typos: one edit in five letters; no fuzziness for short words, where it would mostly find others.
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        prefix: (term) => term.length >= 4,
        combineWith: 'OR',
      },
    });
    for (const article of articles) this.articles.set(article.id, article);
    this.index.addAll(
      articles.map((article) => ({
        id: article.id,
        title: article.title,
        questions: article.questions.join('\n'),
        tags: article.tags.join('\n'),
        shortAnswer: article.shortAnswer,
      })),
    );
  }

  search(question: string, limit: number): KnowledgeHit[] {
    const words = [...new Set(questionWords(question))];
    if (words.length === 0) return [];
    const origin = new Map<string, string>();
    for (const word of words) for (const synonym of withSynonyms(word)) if (!origin.has(synonym)) origin.set(synonym, word);
    const asked = new Set(words);
    // A synonym helps find an article, but the words actually typed count more.
    const results = this.index.search(words.join(' '), {
      processTerm: (term) => [...withSynonyms(term)],
      boostTerm: (term) => (asked.has(term) ? 1 : SYNONYM_WEIGHT),
    });
    // An article that matches more of the question's words beats one that matches a few words often.
    return results
      .map((result) => {
        const matched = new Set(result.queryTerms.map((term) => origin.get(term) ?? term));
        const coverage = matched.size / words.length;
        return { article: this.articles.get(String(result.id))!, score: result.score * (COVERAGE_FLOOR + coverage), coverage };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }
}
