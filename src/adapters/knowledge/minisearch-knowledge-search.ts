import MiniSearch from 'minisearch';
import type { Article } from '../../domain/guidance/article';
import { questionWords, stem, withSynonyms } from '../../domain/guidance/question-words';
import type { OutsideTopic } from '../../domain/guidance/outside-topic';
import type { KnowledgeHit, KnowledgeSearch, OutsideHit } from '../../domain/ports/knowledge-search';

/** How much a synonym counts next to a word actually typed. */
const SYNONYM_WEIGHT = 0.2;
/** How much a word found by swapping two neighbouring letters back ("phnoe", "reprot") counts. */
const SWAP_WEIGHT = 0.8;
/** Outside topics share the index with the articles, under ids no article can have (ids are kebab-case). */
const OUTSIDE_PREFIX = 'outside:';
/** Ranking is score × (COVERAGE_FLOOR + coverage): matching more of the question's words counts most. */
const COVERAGE_FLOOR = 0.2;
// All three tuned on eval/qa-questions.json (npm run eval:qa), never on eval/qa-holdout.json; docs/benchmarks.md has the figures.

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
 * Topics outside the bot's subject are indexed alongside, so that a question can be found nearer one of them
 * than any article, on the same scale.
 */
export class MiniSearchKnowledgeSearch implements KnowledgeSearch {
  private readonly index: MiniSearch<IndexedArticle>;
  private readonly articles = new Map<string, Article>();
  private readonly outside = new Map<string, OutsideTopic>();
  /** Every word the index holds, stemmed, to correct swapped letters against. */
  private readonly vocabulary = new Set<string>();

  constructor(articles: readonly Article[], outsideTopics: readonly OutsideTopic[] = []) {
    this.index = new MiniSearch<IndexedArticle>({
      fields: ['title', 'questions', 'tags', 'shortAnswer'],
      tokenize: (text) => questionWords(text),
      processTerm: (term) => stem(term),
      searchOptions: {
        boost: { title: 1, questions: 2, tags: 1, shortAnswer: 1 },
        // Typos: one edit in five letters; no fuzziness for short words, where it would mostly find others.
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        prefix: (term) => term.length >= 4,
        combineWith: 'OR',
      },
    });
    for (const article of articles) this.articles.set(article.id, article);
    const documents = articles.map((article) => ({
      id: article.id,
      title: article.title,
      questions: article.questions.join('\n'),
      tags: article.tags.join('\n'),
      shortAnswer: article.shortAnswer,
    }));
    for (const topic of outsideTopics) {
      this.outside.set(OUTSIDE_PREFIX + topic.id, topic);
      documents.push({ id: OUTSIDE_PREFIX + topic.id, title: topic.title, questions: topic.questions.join('\n'), tags: '', shortAnswer: '' });
    }
    this.index.addAll(documents);
    for (const document of documents) {
      for (const text of [document.title, document.questions, document.tags, document.shortAnswer]) {
        for (const word of questionWords(text)) this.vocabulary.add(stem(word));
      }
    }
  }

  search(question: string, limit: number): KnowledgeHit[] {
    return this.lookUp(question, limit).hits;
  }

  lookUp(question: string, limit: number): { hits: KnowledgeHit[]; outside?: OutsideHit } {
    const words = [...new Set(questionWords(question))];
    if (words.length === 0) return { hits: [] };
    const found = new Map<string, { score: number; matched: number }>();
    let total = 0;
    for (const word of words) {
      // Each word counts once per article, by its best form: as typed (with typos and prefixes), with two
      // neighbouring letters swapped back, or as a synonym. Synonyms do not add up, so a word with a large
      // group does not outweigh the others.
      const best = new Map<string, number>();
      const look = (term: string, weight: number, loose: boolean) => {
        const results = this.index.search(term, {
          fuzzy: loose && word.length >= 5 ? Math.floor(word.length * 0.2) : false,
          prefix: loose && stem(word).length >= 4,
        });
        for (const result of results) {
          const id = String(result.id);
          best.set(id, Math.max(best.get(id) ?? 0, result.score * weight));
        }
      };
      look(word, 1, true);
      for (const swapped of this.swapsOf(word)) look(swapped, SWAP_WEIGHT, false);
      for (const synonym of withSynonyms(word).slice(1)) look(synonym, SYNONYM_WEIGHT, false);
      // A word few articles have says more about the question than one most have; a word none has, most.
      // Counted over articles only, so that the topics the bot declines do not change how articles rank.
      const inArticles = [...best.keys()].filter((id) => this.articles.has(id)).length;
      const weight = Math.log(1 + this.articles.size / (1 + inArticles));
      total += weight;
      for (const [id, score] of best) {
        const entry = found.get(id) ?? { score: 0, matched: 0 };
        entry.score += score;
        entry.matched += weight;
        found.set(id, entry);
      }
    }
    // An article that matches more of the question's words beats one that matches a few words often.
    const ranked = [...found]
      .map(([id, { score, matched }]) => ({ id, score: score * (COVERAGE_FLOOR + matched / total), coverage: matched / total }))
      .sort((a, b) => b.score - a.score);
    const hits = ranked.filter((hit) => this.articles.has(hit.id)).slice(0, limit)
      .map(({ id, score, coverage }) => ({ article: this.articles.get(id)!, score, coverage }));
    const nearestOutside = ranked.find((hit) => this.outside.has(hit.id));
    return nearestOutside
      ? { hits, outside: { topic: this.outside.get(nearestOutside.id)!, score: nearestOutside.score, coverage: nearestOutside.coverage } }
      : { hits };
  }

  article(id: string): Article | undefined {
    return this.articles.get(id);
  }

  /** A word the index does not hold, with two neighbouring letters swapped, where that gives one it holds. */
  private swapsOf(word: string): string[] {
    if (word.length < 4 || this.vocabulary.has(stem(word))) return [];
    const swaps = new Set<string>();
    for (let i = 0; i + 1 < word.length; i++) {
      const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (swapped !== word && this.vocabulary.has(stem(swapped))) swaps.add(swapped);
    }
    return [...swaps];
  }
}
