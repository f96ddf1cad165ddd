import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BlindQuestion } from './blind-judge';

/** A question of the own sets (eval/qa-*.json): judged by which article answers it. */
export interface IdQuestion {
  question: string;
  /** The article that answers it, or null for a question the bot should decline. */
  expect: string | null;
  kind: string;
  /**
   * Other articles that answer the question as well, judged by reading after the knowledge base grew (a newer
   * article can answer a question written for an older one, or one written as off-topic). Counted apart:
   * `judged_*` figures take them as right, the plain figures do not.
   */
  alsoRight?: string[];
  judgedBy?: string;
}

/**
 * The development sets, read and tuned to, relative to the project's root. The held-out sets (qa-holdout,
 * qa-fresh-b, blind/qa-blind-holdout) are deliberately not here: what tunes or times the engine reads this list.
 */
export const DEVELOPMENT_SETS = {
  byId: ['eval/qa-questions.json', 'eval/qa-fresh-a.json'],
  blind: [
    'eval/blind/qa-blind-dev.json',
    'eval/blind/qa-blind-dev-b.json',
    'eval/blind/qa-blind-dev-c.json',
    'eval/blind/qa-blind-dev-e.json',
    'eval/blind/qa-blind-dev-f.json',
  ],
} as const;

export function readIdSet(root: string, file: string): IdQuestion[] {
  return JSON.parse(readFileSync(join(root, file), 'utf8')) as IdQuestion[];
}

export function readBlindSet(root: string, file: string): BlindQuestion[] {
  return (JSON.parse(readFileSync(join(root, file), 'utf8')) as { questions: BlindQuestion[] }).questions;
}
