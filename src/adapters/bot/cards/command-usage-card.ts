import { escapeMarkdown, renderCard, type AdaptiveCard } from './card-template';
import { directoryText } from './directory-text';

export interface CommandUsageView {
  /** How to type it, e.g. "unenrolled [department]". */
  syntax: string;
  /** One line: what it answers. */
  description: string;
  /** One to three complete commands to copy; more are cut. */
  examples: readonly string[];
  /** What the person typed, when this card answers malformed input. */
  typed?: string;
  /** What was wrong with it, in one sentence ("Tell me whose status to show: a name or a UPN."). */
  problem?: string;
  /** In a channel or group chat commands need an @mention first; the examples say so. */
  inChannel?: boolean;
  /** The bot's display name, for the @mention hint. */
  botName: string;
}

export const MAX_USAGE_EXAMPLES = 3;

export function commandUsageCard(view: CommandUsageView): AdaptiveCard {
  const examples = view.examples.slice(0, MAX_USAGE_EXAMPLES);
  const typed = view.typed?.trim();
  return renderCard('command-usage', {
    // The echo is clipped: a pasted page of text should not come back as a card-sized wall.
    heading: typed ? `I didn't understand "${directoryText(typed, 80)}". Here is how to use it:` : 'How to use it:',
    // The problem may quote what was typed: clipped and escaped like the echo.
    problem: view.problem ? directoryText(view.problem, 160) : '',
    syntax: escapeMarkdown(view.syntax),
    description: escapeMarkdown(view.description),
    examplesHeading: examples.length === 1 ? 'Example' : 'Examples',
    examples: examples.map((e) => ({ text: escapeMarkdown(view.inChannel ? `@${view.botName} ${e}` : e) })),
    howToAsk: view.inChannel
      ? `In a channel or group chat, mention me first (@${escapeMarkdown(view.botName)}). A leading slash and capitals are fine.`
      : 'A leading slash and capitals are fine.',
  });
}
