import type { TextColor } from './strength-label';

/**
 * Figures as cards print them. The caller decides the numbers (the domain computes rates); these only decide how
 * they read, the same way on every card.
 */

const COUNT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** 12,345 */
export function countText(n: number): string {
  return COUNT.format(n);
}

/**
 * 62.4%. Never rounds up to 100% or down to 0%: "100% strong" while one person is not would be a false all-clear.
 */
export function percentText(percent: number): string {
  const rounded = Math.round(percent * 10) / 10;
  if (rounded >= 100 && percent < 100) return '99.9%';
  if (rounded <= 0 && percent > 0) return '<0.1%';
  return `${rounded.toFixed(Number.isInteger(rounded) ? 0 : 1)}%`;
}

export interface ChangeText {
  /** "▲ 3.1 pts", "▼ 0.4 pts" or "no change". */
  text: string;
  color: TextColor;
}

/**
 * A change in percentage points, its arrow saying which way. `higherIsBetter` tells bad news (more people on weak-only
 * MFA, fewer on strong), which a sign marks: no text colour reads at AA on both of Teams' themes.
 */
export function changeText(points: number, higherIsBetter: boolean): ChangeText {
  const rounded = Math.round(points * 10) / 10;
  if (rounded === 0) return { text: 'no change', color: 'Default' };
  const up = rounded > 0;
  const text = `${up === higherIsBetter ? '' : '⚠ '}${up ? '▲' : '▼'} ${Math.abs(rounded).toFixed(1)} pts`;
  return { text, color: 'Default' };
}

/** "1 person", "2 people". */
export function peopleText(n: number): string {
  return `${countText(n)} ${n === 1 ? 'person' : 'people'}`;
}
