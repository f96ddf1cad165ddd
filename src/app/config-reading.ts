import { isGuid } from '../domain/guid';
/**
 * How the configuration reads the environment: a value trimmed (blank is unset), and the checks on addresses.
 * Problems name the setting, never echo its value (it may be a secret).
 */
export type Env = Record<string, string | undefined>;

export function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** An https URL; plain http only on loopback when allowed (a local OpenAI-compatible server), as the key goes with it. */
export function isSafeEndpoint(value: string, allowLoopbackHttp: boolean): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return allowLoopbackHttp && url.protocol === 'http:' && isLoopback(url.hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
}

export function checkUrl(env: Env, name: string, problems: string[]): string | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  try {
    new URL(value);
    return value;
  } catch {
    problems.push(`${name} must be an absolute URL (it is set, but is not a URL).`);
    return undefined;
  }
}

/**
 * Production: an address the bot sends a token or personal data to, or hands people as a link, must be https.
 * Plain http only on loopback (a local proxy or emulator on the same machine), where nothing crosses a network.
 */
export function checkHttpsUrl(env: Env, name: string, problems: string[]): string | undefined {
  const value = checkUrl(env, name, problems);
  if (value !== undefined && !isSafeEndpoint(value, true)) {
    problems.push(`${name} must be an https address (plain http is refused in production, except on 127.0.0.1 or localhost).`);
    return undefined;
  }
  return value;
}

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

/** Whether Intl knows the zone (an IANA name such as Europe/Paris). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A comma-separated list of Entra object ids, or a problem saying how to write it. */
export function readIdList(env: Env, name: string, problems: string[]): string[] {
  const ids = (read(env, name) ?? '').split(/\s*,\s*/).filter(Boolean);
  if (ids.some((id) => !isGuid(id))) problems.push(`${name} must be a comma-separated list of object ids (GUIDs).`);
  return ids;
}
