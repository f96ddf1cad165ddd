import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { smallTalkOf, type SmallTalk } from '../../../../src/domain/guidance/small-talk';

/**
 * The two sets of chat messages in eval/smalltalk, written by helpers who never saw this code: social messages
 * people send a help bot, and questions dressed in greetings and thanks. The reader must know the first and
 * leave the second alone: a question taken for small talk would get a "you're welcome" instead of its answer.
 */
interface SmallTalkSet {
  smalltalk: { text: string; kind: SmallTalk }[];
  questions: { text: string }[];
}

const sets = ['smalltalk-a', 'smalltalk-b'].map(
  (name) =>
    [name, JSON.parse(readFileSync(join(__dirname, '../../../../eval/smalltalk', `${name}.json`), 'utf8')) as SmallTalkSet] as const,
);

describe.each(sets)('small talk set %s', (_name, set) => {
  it('reads at least 95% of its social messages as small talk of the kind they are', () => {
    const right = set.smalltalk.filter((message) => smallTalkOf(message.text) === message.kind);
    expect(right.length / set.smalltalk.length).toBeGreaterThanOrEqual(0.95);
  });

  it('takes none of its questions for small talk', () => {
    expect(set.questions.filter((message) => smallTalkOf(message.text) !== undefined).map((message) => message.text)).toEqual([]);
  });
});
