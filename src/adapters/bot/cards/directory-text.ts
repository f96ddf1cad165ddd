import { escapeMarkdown } from './card-template';

/**
 * Directory limits are generous (a display name may be 256 characters, a UPN 113): a page of such rows would
 * push a card past Teams' size limit. The longest names a card shows, before markdown escaping (which can
 * double them).
 */
export const TEXT_LIMITS = { displayName: 48, userPrincipalName: 64, department: 40, free: 200 } as const;

/** Text from a person or the directory, made safe (markdown escaped) and short (clipped with "…"). */
export function directoryText(text: string, maxChars: number): string {
  return escapeMarkdown(clipText(text.trim(), maxChars));
}

/** "Scanner (scanner@contoso.com)", or the address alone for an account the directory gives no name. */
export function accountText(account: { displayName?: string; userPrincipalName: string }): string {
  const address = directoryText(account.userPrincipalName, TEXT_LIMITS.userPrincipalName);
  return account.displayName ? `${directoryText(account.displayName, TEXT_LIMITS.displayName)} (${address})` : address;
}

/** At most maxChars characters (not UTF-16 units, so no emoji is cut in half), the last one "…" when clipped. */
export function clipText(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : text;
}

/**
 * A button's words about a person: their first name as the directory gives it ("Remind Adele"), or `fallback` for a
 * name too long for a button. Button titles are not read as markdown, so nothing is escaped.
 */
export function buttonName(displayName: string, fallback: string): string {
  const first = displayName.trim().split(/\s+/)[0] ?? '';
  return first.length > 0 && [...first].length <= 20 ? first : fallback;
}
