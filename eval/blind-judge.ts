import type { Answer } from '../src/use-cases/answer-question';

/**
 * How the blind sets (eval/blind) judge an answer, shared by eval:qa and eval:fit so that both count the same
 * thing: by what the card says, not by which article it is.
 */
export interface BlindQuestion {
  id: string;
  question: string;
  language: string;
  kind: 'employee' | 'admin' | 'developer' | 'offtopic' | 'smalltalk';
  expected: string;
  mustMention: string[][];
}

/** What the answer card shows without a model, in lower case: title, short answer, steps and the "good to know" points that answer. */
export function cardText(answer: Answer): string | undefined {
  return answer.kind === 'answer'
    ? [answer.article.title, answer.article.shortAnswer, ...answer.article.steps, ...answer.goodToKnow].join('\n').toLowerCase()
    : undefined;
}

/** The groups of key terms of which the card holds none: empty when the card is right by the terms. */
export function missingTerms(question: Pick<BlindQuestion, 'mustMention'>, card: string): string[][] {
  return question.mustMention.filter((group) => !group.some((term) => card.includes(term.toLowerCase())));
}

/** Who asks, as Teams would tell the bot: the set's writer said whether an admin asks. */
export function askerOf(question: Pick<BlindQuestion, 'kind'>): 'admin' | 'employee' {
  return question.kind === 'admin' ? 'admin' : 'employee';
}
