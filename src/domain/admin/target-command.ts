/** `target <N>% by <YYYY-MM-DD>`, `target off`, or `target` (what is set). The domain checks the values. */
export type TargetCommand = { action: 'set'; percent: number; by: string } | { action: 'off' } | { action: 'show' };

export function parseTargetCommand(rest: string): { command: TargetCommand } | { problem: string } {
  const text = rest.trim();
  if (text === '') return { command: { action: 'show' } };
  if (/^(off|none|clear)$/i.test(text)) return { command: { action: 'off' } };
  const match = /^(\d{1,3}(?:\.\d)?)\s*%?\s+by\s+(\S+)$/i.exec(text);
  if (!match) return { problem: 'Say it as "target 95% by 2027-03-31": the share with strong MFA, and the day to reach it by.' };
  return { command: { action: 'set', percent: Number(match[1]), by: match[2]! } };
}
