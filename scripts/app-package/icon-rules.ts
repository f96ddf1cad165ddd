import { readPng, type Png } from './read-png';

/**
 * Teams' icon rules: a 192x192 colour icon, and a 32x32 outline icon drawn in white on a transparent background
 * (Teams tints it, so any other colour shows wrong). Both are PNG files inside the package, at its root.
 */
export const ICON_SIZES = { color: 192, outline: 32 } as const;
export type IconRole = keyof typeof ICON_SIZES;

/** Where an icon's path would take the file: only a plain file name stays at the package root. */
export function iconPathProblem(role: IconRole, path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return `icons.${role} names no file`;
  if (/[\\/]/.test(path) || path === '.' || path === '..')
    return `icons.${role} is "${path}": keep the icon next to manifest.json, so it sits at the root of the package`;
  if (!path.toLowerCase().endsWith('.png')) return `icons.${role} is "${path}", not a .png file`;
  return undefined;
}

export function iconProblems(role: IconRole, name: string, file: Buffer | undefined): string[] {
  if (file === undefined) return [`icons.${role}: ${name} does not exist`];
  let png: Png;
  try {
    png = readPng(file);
  } catch (error) {
    return [`icons.${role}: ${name} could not be read as an 8-bit PNG (${(error as Error).message})`];
  }
  const size = ICON_SIZES[role];
  const problems =
    png.width === size && png.height === size ? [] : [`icons.${role}: ${name} is ${png.width}x${png.height}, not ${size}x${size}`];
  return role === 'outline' ? [...problems, ...outlineColourProblems(name, png)] : problems;
}

function outlineColourProblems(name: string, png: Png): string[] {
  const hasAlpha = png.colorType === 4 || png.colorType === 6;
  if (!hasAlpha) return [`icons.outline: ${name} has no transparency; draw it in white on a transparent background`];
  let transparent = 0;
  const coloured: number[] = [];
  for (let i = 0; i < png.pixels.length; i += png.channels) {
    const alpha = png.pixels[i + png.channels - 1] as number;
    if (alpha === 0) transparent++;
    else if (!png.pixels.subarray(i, i + png.channels - 1).every((value) => value === 255)) coloured.push(i / png.channels);
  }
  const problems: string[] = [];
  if (coloured.length > 0) {
    const first = coloured[0] as number;
    problems.push(
      `icons.outline: ${name} has ${coloured.length} pixel(s) neither white nor transparent, the first at x=${first % png.width}, ` +
        `y=${Math.floor(first / png.width)}; the outline icon must be white on a transparent background`,
    );
  }
  if (transparent === 0) problems.push(`icons.outline: ${name} has no transparent pixel; its background must be transparent`);
  return problems;
}
