import type { AdaptiveCard } from '../../../../../src/adapters/bot/cards/card-template';

/** Small readers over a rendered card, so the tests say what a person would see rather than where it sits. */
export type CardNode = { type?: string; [key: string]: unknown };

/** Every object in the card (elements, columns, cells, inlines, actions, fallbacks), depth first. */
export function nodes(card: unknown): CardNode[] {
  const found: CardNode[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      found.push(value as CardNode);
      Object.values(value).forEach(walk);
    }
  };
  walk(card);
  return found;
}

export function ofType(card: unknown, type: string): CardNode[] {
  return nodes(card).filter((n) => n.type === type);
}

/** Texts of TextBlocks and TextRuns, and FactSet facts as "title: value". */
export function texts(card: unknown): string[] {
  return nodes(card).flatMap((n) => {
    if ((n.type === 'TextBlock' || n.type === 'TextRun') && typeof n.text === 'string') return [n.text];
    if (typeof n.title === 'string' && typeof n.value === 'string' && n.type === undefined) return [`${n.title}: ${n.value}`];
    return [];
  });
}

export function allText(card: unknown): string {
  return texts(card).join('\n');
}

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

export function executeActions(card: AdaptiveCard): ExecuteAction[] {
  return ((card.actions as CardNode[] | undefined) ?? []).filter((a) => a.type === 'Action.Execute') as unknown as ExecuteAction[];
}

export function action(card: AdaptiveCard, title: string): ExecuteAction | undefined {
  return executeActions(card).find((a) => a.title === title);
}

/** UTF-8 bytes of the JSON, the size Teams limits (a conservative measure for the ▲/■ characters). */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** What every card must be: schema 1.5 (Teams' highest), fully bound, and well under the 28 KB Teams allows safely. */
export function expectSoundCard(card: AdaptiveCard, maxBytes = 20_000): void {
  expect(card.type).toBe('AdaptiveCard');
  expect(card.version).toBe('1.5');
  // An unresolved binding stays in the card as literal "${…}" text.
  expect(JSON.stringify(card)).not.toContain('${');
  expect(cardBytes(card)).toBeLessThan(maxBytes);
}

/** Markdown that would turn a name into a link or bold text if it went through unescaped. */
export const MARKDOWN_NAME = '[click](https://evil.example) *boss*';
export const ESCAPED_MARKDOWN_NAME = '\\[click\\]\\(https://evil\\.example\\) \\*boss\\*';

/** The worst string the directory could hand us: long, and every character one that escaping doubles. */
export function worstText(length: number): string {
  return '*_[]().#'.repeat(Math.ceil(length / 8)).slice(0, length);
}
