/**
 * The 8-4-4-4-12 hexadecimal form shared by Entra object ids, app and tenant ids, and our own row ids
 * (gen_random_uuid). Text from a card or a command is checked with this before it goes anywhere.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID.test(text);
}
