import MiniSearch from 'minisearch';
import type { Article } from '../../domain/guidance/article';
import { questionWords, stem, withSynonyms } from '../../domain/guidance/question-words';
import type { OutsideTopic } from '../../domain/guidance/outside-topic';
import type { KnowledgeHit, KnowledgeSearch, LookUpOptions, OutsideHit } from '../../domain/ports/knowledge-search';
import { PhrasingRarity, similarity, type Phrasing } from './phrasing';

/** How much a synonym counts next to a word actually typed. */
const SYNONYM_WEIGHT = 0.2;
/** How much a word found by swapping two neighbouring letters back ("phnoe", "reprot") counts. */
const SWAP_WEIGHT = 0.8;
/**
 * How much a word of a question read from another language counts in coverage when no indexed text holds it:
 * most are everyday words the glossary does not know ("stimmt", "bald"), some are the subject ("cafeteria").
 */
const UNTRANSLATED_WEIGHT = 0.25;
/** Outside topics share the index with the articles, under ids no article can have (ids are kebab-case). */
const OUTSIDE_PREFIX = 'outside:';
/** Ranking is score × (COVERAGE_FLOOR + coverage): matching more of the question's words counts most. */
const COVERAGE_FLOOR = 0.2;
/** How much asking like one of an article's own questions adds: score × (1 + PHRASING_WEIGHT × similarity). */
const PHRASING_WEIGHT = 3;
/** How much the best-matching one of an article's questions counts next to its title, tags and short answer. */
const QUESTION_WEIGHT = 2;
// All tuned on the development sets (npm run eval:fit), never on a held-out set; docs/benchmarks.md has the figures.

/**
 * What the index holds: each article's title, tags and short answer as one document, and each of its questions
 * as a document of its own. An article is as near a question as its own words plus its nearest question: one
 * with many questions does not outweigh one with few by matching a word in each.
 */
interface IndexedText {
  id: string;
  title: string;
  question: string;
  tags: string;
  shortAnswer: string;
}

/** What one indexed text matched of a question: the summed score and which of its words. */
interface Match {
  score: number;
  words: Set<number>;
}

/**
 * The knowledge base in memory (MiniSearch: BM25 ranking, typo tolerance, prefixes), built once at start
 * from the articles; a question takes a few milliseconds at most for the hundred or so articles there are. Words go
 * through the same reading as questions (questionWords), and each question word also looks for its synonyms.
 * Topics outside the bot's subject are indexed alongside, so that a question can be found nearer one of them
 * than any article, on the same scale.
 */
export class MiniSearchKnowledgeSearch implements KnowledgeSearch {
  private readonly index: MiniSearch<IndexedText>;
  private readonly articles = new Map<string, Article>();
  private readonly outside = new Map<string, OutsideTopic>();
  /** Each indexed text's owner: an article id, or OUTSIDE_PREFIX and a declined topic's id. */
  private readonly owners = new Map<string, string>();
  /** The indexed texts that are an owner's own (title, tags, short answer), not one of its questions. */
  private readonly ownTexts = new Set<string>();
  /** Every word the index holds, stemmed, to correct swapped letters against. */
  private readonly vocabulary = new Set<string>();
  /** Each owner's title and questions as phrasings, to compare the way a question is put (see phrasing.ts). */
  private readonly phrasings = new Map<string, Phrasing[]>();
  private readonly rarity: PhrasingRarity;

  constructor(articles: readonly Article[], outsideTopics: readonly OutsideTopic[] = []) {
    this.index = new MiniSearch<IndexedText>({
      fields: ['title', 'question', 'tags', 'shortAnswer'],
      tokenize: (text) => questionWords(text),
      processTerm: (term) => stem(term),
      searchOptions: {
        boost: { title: 1, question: 1, tags: 1, shortAnswer: 1 },
        // Typos: one edit in five letters; no fuzziness for short words, where it would mostly find others.
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        prefix: (term) => term.length >= 4,
        combineWith: 'OR',
      },
    });
    this.rarity = new PhrasingRarity([
      ...articles.flatMap((article) => [article.title, ...article.questions]),
      ...outsideTopics.flatMap((topic) => topic.questions),
    ]);
    const texts: IndexedText[] = [];
    const add = (owner: string, text: Omit<IndexedText, 'id'>) => {
      const id = `${texts.length}`;
      this.owners.set(id, owner);
      texts.push({ id, ...text });
      return id;
    };
    for (const article of articles) {
      this.articles.set(article.id, article);
      this.ownTexts.add(add(article.id, { title: article.title, question: '', tags: article.tags.join('\n'), shortAnswer: article.shortAnswer }));
      for (const question of article.questions) add(article.id, { title: '', question, tags: '', shortAnswer: '' });
      this.phrasings.set(article.id, [article.title, ...article.questions].map((text) => this.rarity.phrasingOf(text)));
    }
    for (const topic of outsideTopics) {
      const owner = OUTSIDE_PREFIX + topic.id;
      this.outside.set(owner, topic);
      this.ownTexts.add(add(owner, { title: topic.title, question: '', tags: '', shortAnswer: '' }));
      for (const question of topic.questions) add(owner, { title: '', question, tags: '', shortAnswer: '' });
      this.phrasings.set(owner, topic.questions.map((text) => this.rarity.phrasingOf(text)));
    }
    this.index.addAll(texts);
    for (const text of texts) {
      for (const field of [text.title, text.question, text.tags, text.shortAnswer]) {
        for (const word of questionWords(field)) this.vocabulary.add(stem(word));
      }
    }
  }

  search(question: string, limit: number): KnowledgeHit[] {
    return this.lookUp(question, limit).hits;
  }

  lookUp(question: string, limit: number, options: LookUpOptions = {}): { hits: KnowledgeHit[]; outside?: OutsideHit } {
    const words = [...new Set(questionWords(question))];
    if (words.length === 0) return { hits: [] };
    const matches = new Map<string, Match>();
    const weights: number[] = [];
    /** Per question word: how many articles hold it. */
    const inArticles: number[] = [];
    words.forEach((word, at) => {
      // Each word counts once per text, by its best form: as typed (with typos and prefixes), with two
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
      inArticles[at] = new Set([...best.keys()].map((id) => this.owners.get(id)!).filter((owner) => this.articles.has(owner))).size;
      weights[at] = Math.log(1 + this.articles.size / (1 + inArticles[at])) * (options.translated && best.size === 0 ? UNTRANSLATED_WEIGHT : 1);
      for (const [id, score] of best) {
        const match = matches.get(id) ?? { score: 0, words: new Set<number>() };
        match.score += score;
        match.words.add(at);
        matches.set(id, match);
      }
    });
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    // Per owner: its own text (title, tags, short answer) and its best question, by score.
    const own = new Map<string, Match>();
    const bestQuestion = new Map<string, Match>();
    for (const [id, match] of matches) {
      const owner = this.owners.get(id)!;
      if (this.ownTexts.has(id)) own.set(owner, match);
      else if (match.score > (bestQuestion.get(owner)?.score ?? 0)) bestQuestion.set(owner, match);
    }
    const byWords = [...new Set([...own.keys(), ...bestQuestion.keys()])].map((owner) => {
      const body = own.get(owner);
      const nearest = bestQuestion.get(owner);
      const score = (body?.score ?? 0) + QUESTION_WEIGHT * (nearest?.score ?? 0);
      const matched = new Set([...(body?.words ?? []), ...(nearest?.words ?? [])]);
      const coverage = [...matched].reduce((sum, at) => sum + weights[at]!, 0) / total;
      return { id: owner, score: score * (COVERAGE_FLOOR + coverage), coverage, matched };
    }).sort((a, b) => b.score - a.score);
    // The way the question is put can lift an owner at most 1 + PHRASING_WEIGHT times: only the owners within
    // that reach of the best by words can come first, and only they are compared, which saves time.
    const asked = this.rarity.phrasingOf(question);
    const reach = (byWords[0]?.score ?? 0) / (1 + PHRASING_WEIGHT);
    const ranked = byWords.map((hit) => {
      if (hit.score < reach) return hit;
      const alike = Math.max(0, ...(this.phrasings.get(hit.id) ?? []).map((phrasing) => similarity(asked, phrasing)));
      return { ...hit, score: hit.score * (1 + PHRASING_WEIGHT * alike) };
    }).sort((a, b) => b.score - a.score);
    const hits = ranked.filter((hit) => this.articles.has(hit.id)).slice(0, limit)
      .map(({ id, score, coverage }) => ({ article: this.articles.get(id)!, score, coverage }));
    const nearestOutside = ranked.find((hit) => this.outside.has(hit.id));
    return nearestOutside
      ? { hits, outside: {
        topic: this.outside.get(nearestOutside.id)!,
        score: nearestOutside.score,
        coverage: nearestOutside.coverage,
        ownWords: [...nearestOutside.matched].sort((a, b) => a - b).filter((at) => !inArticles[at]).map((at) => words[at]!),
      } }
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
