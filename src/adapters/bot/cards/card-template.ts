import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import { projectFolder } from '../../project-folder';

export type AdaptiveCard = { type: 'AdaptiveCard'; [key: string]: unknown };

const cache = new Map<string, ACData.Template>();

export function renderCard(name: string, data: Record<string, unknown>): AdaptiveCard {
  let template = cache.get(name);
  if (!template) {
    const json = JSON.parse(readFileSync(join(projectFolder('adaptiveCards'), `${name}.json`), 'utf8')) as object;
    template = new ACData.Template(json);
    cache.set(name, template);
  }
  return template.expand({ $root: data }) as AdaptiveCard;
}

export function asAttachment(card: AdaptiveCard): Attachment {
  return CardFactory.adaptiveCard(card);
}

/**
 * Templating inserts values as they are, and TextBlocks render markdown: a display name such as
 * "[click](https://…)" would become a link. Anything that came from a person goes through this first.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|>~<]/g, (c) => `\\${c}`);
}

/**
 * Our own articles' text: only what Adaptive Cards' markdown acts on is escaped (bold and italic `*` `_`, links
 * `[` `]`, a list marker at the start of a line: "- ", "+ ", "1. ") and the backslash itself. Teams' mobile
 * clients have shown escapes as literal backslashes (AdaptiveCards issues 5590 and 7474), so "smtp.office365.com"
 * or "Set-CASMailbox" gets none. Text from people and the directory keeps escapeMarkdown's stricter escaping.
 */
export function escapeArticleMarkdown(text: string): string {
  return (
    text
      .replace(/[\\*_[\]]/g, (c) => `\\${c}`)
      // "${" would read as a template binding left unfilled.
      .replace(/\$\{/g, '$\\{')
      .replace(
        /^(\s*)([-+]|\d+\.)(?=\s|$)/gm,
        (_, space: string, marker: string) => `${space}${marker.length > 1 ? `${marker.slice(0, -1)}\\.` : `\\${marker}`}`,
      )
  );
}
