/**
 * Commands arrive as free text: "help", "/help", " HELP ", or "<at>MFA Coach</at> help" in a channel
 * (teams-ai strips the mention first). The new Teams compose box may swallow a leading slash, so both forms count.
 */
export interface CommandText {
  name: string;
  args: string[];
}

export function parseCommandText(text: string | undefined): CommandText | undefined {
  const words = (text ?? '')
    .replace(/\u00a0/g, ' ')
    .trim()
    .replace(/^\/+/, '')
    .split(/\s+/)
    .filter(Boolean);
  const [first, ...args] = words;
  return first ? { name: first.toLowerCase(), args } : undefined;
}
