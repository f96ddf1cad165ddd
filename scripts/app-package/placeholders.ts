/**
 * `${{NAME}}` placeholders, filled in the way the Agents Toolkit's teamsApp/zipAppPackage fills them: spaces inside
 * the braces are allowed, a name with no value or an empty one stays unfilled (the Toolkit then stops with
 * MissingEnvironmentVariablesError), except APP_NAME_SUFFIX, which may be empty (no suffix in production).
 */
const PLACEHOLDER = /\$\{\{ *([a-zA-Z_][a-zA-Z0-9_]*) *\}\}/g;

/** May be set to an empty value on purpose. */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

export interface FilledText {
  text: string;
  /** Placeholders with no value, or an empty one, in the order they first appear. */
  missing: string[];
  /** Placeholders naming a secret (SECRET_*): an app package is readable by anyone who gets it. */
  secrets: string[];
}

export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string))];
}

export function fillPlaceholders(text: string, values: ReadonlyMap<string, string>): FilledText {
  const names = placeholdersIn(text);
  const secrets = names.filter((name) => name.startsWith('SECRET_'));
  const missing = names.filter((name) => !secrets.includes(name) && !values.get(name) && !(MAY_BE_EMPTY.has(name) && values.has(name)));
  const filled = text.replace(PLACEHOLDER, (whole, name: string) =>
    secrets.includes(name) || missing.includes(name) ? whole : (values.get(name) as string),
  );
  return { text: filled, missing, secrets };
}
