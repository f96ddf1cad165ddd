/**
 * Reads an Agents Toolkit env file (env/.env.<name>) the way dotenv, which the Toolkit uses, reads the lines we
 * write: `NAME=value`, an optional `export `, values in single, double or back quotes, and `#` comments (a `#` in
 * an unquoted value starts a comment). Values spread over several lines are not supported: our files have none.
 */
export function parseEnvFile(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*(?:'([^']*)'|"([^"]*)"|`([^`]*)`|([^#]*))\s*(?:#.*)?$/.exec(line);
    if (!match) continue;
    const [, name, single, double, back, bare] = match;
    const value = single ?? back ?? (double === undefined ? (bare ?? '').trim() : double.replace(/\\n/g, '\n').replace(/\\r/g, '\r'));
    vars.set(name as string, value);
  }
  return vars;
}

/** Toolkit environment names are letters, digits, `-` and `_`; the name also becomes a file name here. */
export const ENV_NAME = /^[A-Za-z0-9_-]+$/;
