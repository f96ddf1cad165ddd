import { read, type Env } from './config-reading';
import type { Mode } from './app-config';

/**
 * Who may read GET /metrics. The figures say nothing about a person, but they tell how a tenant's rollout goes and
 * how busy its bot is: not for the public internet. So in production /metrics is off unless a token is set
 * (METRICS_TOKEN, or SECRET_METRICS_TOKEN as the Agents Toolkit names secrets), and then a scraper sends it as a
 * Bearer token. The demo listens on loopback only, so its figures are open to the machine it runs on.
 */
export type MetricsAccess = { kind: 'off' } | { kind: 'open' } | { kind: 'token'; token: string };

/** Long enough that guessing it is hopeless (e.g. `openssl rand -hex 32` gives 64). */
export const METRICS_TOKEN_MIN_LENGTH = 32;

export function readMetricsAccess(env: Env, mode: Mode, problems: string[]): MetricsAccess {
  const token = read(env, 'SECRET_METRICS_TOKEN') ?? read(env, 'METRICS_TOKEN');
  if (token === undefined) return mode === 'demo' ? { kind: 'open' } : { kind: 'off' };
  if (token.length < METRICS_TOKEN_MIN_LENGTH || /\s/.test(token)) {
    problems.push(
      `METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN_LENGTH} characters with no spaces (for example the output of \`openssl rand -hex 32\`).`,
    );
    return { kind: 'off' };
  }
  return { kind: 'token', token };
}
