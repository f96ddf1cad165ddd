import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEXT_COLORS } from '../../../../../src/adapters/bot/cards/strength-label';
import { TEAMS_THEMES } from '../../../../fixtures/teams-host-colors';

type Rgb = [number, number, number];

/** #RRGGBB or #AARRGGBB (the host configs' form), blended over `under` when it has an alpha. */
function colour(hex: string, under: Rgb = [255, 255, 255]): Rgb {
  const digits = hex.replace('#', '');
  const [alpha, rgb] = digits.length === 8 ? [parseInt(digits.slice(0, 2), 16) / 255, digits.slice(2)] : [1, digits];
  const channels = [0, 2, 4].map((i) => parseInt(rgb.slice(i, i + 2), 16)) as Rgb;
  return channels.map((c, i) => Math.round(alpha * c + (1 - alpha) * under[i]!)) as Rgb;
}

/** WCAG 2's contrast ratio between two colours. */
function contrast(a: Rgb, b: Rgb): number {
  const luminance = (c: Rgb) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as Rgb;
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe("text on Teams' light and dark themes", () => {
  it('checks contrast as WCAG does: black on white is 21, the dark theme red on its card is below AA', () => {
    expect(contrast(colour('#000000'), colour('#ffffff'))).toBeCloseTo(21, 5);
    const dark = TEAMS_THEMES.dark;
    expect(contrast(colour(dark.text.attention.default), colour(dark.containers.default))).toBeLessThan(4.5);
  });

  for (const [theme, colours] of Object.entries(TEAMS_THEMES)) {
    it(`reads at AA in every colour a card may give text, and in the default colour subtle, on the ${theme} theme's cards`, () => {
      const failing: string[] = [];
      for (const container of ['default', 'emphasis'] as const) {
        const background = colour(colours.containers[container]);
        // Subtle text is only ever in the default colour (the templates test below holds them to it).
        const shades = [
          ...TEXT_COLORS.map((name) => [name, colours.text[name.toLowerCase() as 'default' | 'accent'].default] as const),
          ['Default subtle', colours.text.default.subtle] as const,
        ];
        for (const [name, hex] of shades) {
          const ratio = contrast(colour(hex, background), background);
          if (ratio < 4.5) failing.push(`${name} on ${container}: ${ratio.toFixed(2)}`);
        }
      }
      expect(failing).toEqual([]);
    });

    it(`reads at AA in the coloured boxes (their words keep the default colour) on the ${theme} theme`, () => {
      for (const container of ['accent', 'good', 'warning', 'attention'] as const) {
        const background = colour(colours.containers[container]);
        for (const hex of Object.values(colours.onColouredContainer))
          expect({ container, ratio: contrast(colour(hex, background), background) >= 4.5 }).toEqual({ container, ratio: true });
      }
    });
  }

  it('gives text in the card templates no colour but those, and none to subtle text (bound colours come from the same type)', () => {
    const folder = join(__dirname, '../../../../../adaptiveCards');
    const literal = new Set<string>();
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(visit);
        else if (node && typeof node === 'object') {
          const { type, color, isSubtle } = node as { type?: string; color?: unknown; isSubtle?: boolean };
          if (type === 'TextBlock' && typeof color === 'string' && !color.startsWith('${')) literal.add(`${file}: ${color}`);
          if (type === 'TextBlock' && color !== undefined && isSubtle) literal.add(`${file}: subtle text with a colour`);
          Object.values(node).forEach(visit);
        }
      };
      visit(JSON.parse(readFileSync(join(folder, file), 'utf8')));
    }
    expect([...literal].filter((entry) => !TEXT_COLORS.some((name) => entry.endsWith(`: ${name}`)))).toEqual([]);
  });
});
