import { plainLetters } from '../../domain/guidance/question-language';
import { joinedText, stem, VAGUE_WORDS } from '../../domain/guidance/question-words';

/**
 * The way a question is put, small words included: "what is MFA" and "how do I turn on MFA" share their one
 * subject word, and differ in everything the word index leaves out. A phrasing is its stemmed words and word
 * pairs, each weighted by how rare it is among the phrasings the knowledge base holds (so "how do I", which
 * most questions have, counts little); two phrasings are compared by cosine, 0 (nothing alike) to 1 (the same).
 */
export interface Phrasing {
  weights: Map<string, number>;
  norm: number;
}

/** Contractions written with and without the apostrophe, read as the words they stand for. */
const CONTRACTIONS: readonly [RegExp, string][] = [
  [/\bwhat'?s\b/g, 'what is'],
  [/\bhow'?s\b/g, 'how is'],
  [/\bwho'?s\b/g, 'who is'],
  [/\bwhere'?s\b/g, 'where is'],
  [/\bit'?s\b/g, 'it is'],
];

function terms(text: string): string[] {
  let plain = plainLetters(text).replace(/’/g, "'");
  for (const [pattern, words] of CONTRACTIONS) plain = plain.replace(pattern, words);
  const words = joinedText(plain).split(/[^a-z0-9]+/).filter((word) => word && !VAGUE_WORDS.has(word)).map(stem);
  return words.flatMap((word, index) => (index > 0 ? [word, `${words[index - 1]} ${word}`] : [word]));
}

/** How rare each term is among a set of texts (the knowledge base's titles and questions). */
export class PhrasingRarity {
  private readonly inTexts = new Map<string, number>();
  private readonly texts: number;

  constructor(texts: readonly string[]) {
    this.texts = texts.length;
    for (const text of texts) for (const term of new Set(terms(text))) this.inTexts.set(term, (this.inTexts.get(term) ?? 0) + 1);
  }

  phrasingOf(text: string): Phrasing {
    const weights = new Map<string, number>();
    for (const term of terms(text)) weights.set(term, (weights.get(term) ?? 0) + Math.log(1 + this.texts / (1 + (this.inTexts.get(term) ?? 0))));
    let sum = 0;
    for (const weight of weights.values()) sum += weight * weight;
    return { weights, norm: Math.sqrt(sum) };
  }
}

export function similarity(a: Phrasing, b: Phrasing): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small.weights) dot += weight * (large.weights.get(term) ?? 0);
  return dot / (a.norm * b.norm);
}
