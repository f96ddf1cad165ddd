import { helpCard } from '../../../../../src/adapters/bot/cards/help-card';
import { capabilitiesFor } from '../../../../../src/domain/guidance/capabilities';

/** Every FactSet's facts in a card, wherever they are. */
function factsOf(node: unknown): { title: string; value: string }[] {
  if (Array.isArray(node)) return node.flatMap(factsOf);
  if (node === null || typeof node !== 'object') return [];
  const element = node as { type?: string; facts?: { title: string; value: string }[] };
  if (element.type === 'FactSet' && element.facts) return element.facts;
  return Object.values(node).flatMap(factsOf);
}

describe('the help card', () => {
  it('escapes what Teams would read as markup, so "<name or UPN>" and the like stay in the usage', () => {
    const card = helpCard({
      botName: 'MFA Coach',
      capabilities: capabilitiesFor({ admin: true, campaignManager: true }),
      inChannel: false,
    });
    const usages = factsOf(card).map((fact) => fact.title);
    expect(usages).toContain('user \\<name or UPN\\>');
    // No bare angle bracket is left anywhere in the card's facts.
    expect(
      factsOf(card)
        .flatMap((fact) => [fact.title, fact.value])
        .join(' '),
    ).not.toMatch(/(^|[^\\])</);
  });

  it('is filled once per variant, and each turn gets a copy of its own: changing one card changes no later one', () => {
    const input = { botName: 'MFA Coach', capabilities: capabilitiesFor({ admin: false, campaignManager: false }), inChannel: false };
    const first = helpCard(input);
    (first.body as unknown[]).length = 0;
    const second = helpCard(input);
    expect((second.body as unknown[]).length).toBeGreaterThan(0);
    expect(second).not.toBe(first);
    expect(helpCard(input)).toEqual(second);
  });

  it('tells the variants apart: the admin list, the common list, a channel and a personal chat', () => {
    const card = (admin: boolean, inChannel: boolean) =>
      JSON.stringify(helpCard({ botName: 'MFA Coach', capabilities: capabilitiesFor({ admin, campaignManager: false }), inChannel }));
    const variants = [card(true, false), card(false, false), card(true, true), card(false, true)];
    expect(new Set(variants).size).toBe(4);
    expect(card(false, true)).toContain('mention me first');
    expect(card(false, false)).not.toContain('mention me first');
    expect(factsOf(JSON.parse(card(true, false))).length).toBeGreaterThan(factsOf(JSON.parse(card(false, false))).length);
  });
});
