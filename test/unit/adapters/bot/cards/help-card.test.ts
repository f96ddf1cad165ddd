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
});
