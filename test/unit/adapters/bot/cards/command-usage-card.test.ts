import { commandUsageCard, MAX_USAGE_EXAMPLES } from '../../../../../src/adapters/bot/cards/command-usage-card';
import { expectSoundCard, ofType, texts } from './card-inspect';

const usage = {
  syntax: 'unenrolled [department]',
  description: 'Lists the people with no MFA method, 20 at a time, in our private chat.',
  examples: ['unenrolled', 'unenrolled Finance'],
  botName: 'MFA Coach',
};

describe('commandUsageCard', () => {
  it('shows the syntax, one line of description and the examples', () => {
    const card = commandUsageCard(usage);
    expectSoundCard(card, 3_000);
    expect(texts(card)).toEqual([
      'How to use it:',
      'unenrolled \\[department\\]',
      'Lists the people with no MFA method, 20 at a time, in our private chat\\.',
      'Examples',
      'unenrolled',
      'unenrolled Finance',
      'A leading slash and capitals are fine.',
    ]);
    expect(ofType(card, 'TextBlock').filter((b) => b.fontType === 'Monospace')).toHaveLength(3);
  });

  it('echoes what was typed (escaped, clipped) and shows the @mention in channels', () => {
    const card = commandUsageCard({ ...usage, typed: `trend *${'x'.repeat(200)}`, inChannel: true });
    const [heading] = texts(card);
    expect(heading).toMatch(/^I didn't understand "trend \\\*x+…"\. Here is how to use it:$/);
    expect(heading!.length).toBeLessThan(140);
    expect(texts(card)).toEqual(expect.arrayContaining(['@MFA Coach unenrolled', '@MFA Coach unenrolled Finance']));
    expect(texts(card).at(-1)).toContain('mention me first (@MFA Coach)');
  });

  it('says what was wrong under the heading, escaped, in the colour that reads on both Teams themes', () => {
    const card = commandUsageCard({ ...usage, typed: 'trend lots', problem: 'The number of days must be a whole number, not "*lots*".' });
    const problem = ofType(card, 'TextBlock')[1]!;
    expect(problem.text).toBe('The number of days must be a whole number, not "\\*lots\\*"\\.');
    expect(problem.color).toBeUndefined();
  });

  it(`shows at most ${MAX_USAGE_EXAMPLES} examples, and "Example" for one`, () => {
    expect(texts(commandUsageCard({ ...usage, examples: ['a', 'b', 'c', 'd', 'e'] })).filter((t) => /^[a-e]$/.test(t))).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(texts(commandUsageCard({ ...usage, examples: ['posture'] }))).toContain('Example');
  });
});
