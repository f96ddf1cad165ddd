/** Small helpers for the sentences admins read; kept apart so policy and campaign wording agree. */

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/**
 * "a, b, c and 2 more": a card has room for a few names, and a long list of GUIDs helps nobody, but the count
 * must stay true so nothing is hidden.
 */
export function listed(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
