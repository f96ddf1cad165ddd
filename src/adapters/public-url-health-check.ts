import type { HealthCheck, HealthResult } from '../domain/ports/health-check';

const REACH_TIMEOUT_MS = 5000;
const LINKS_IMPACT = 'the links of export and campaign export do not open';

/**
 * Doctor: PUBLIC_BASE_URL, where browsers open export links, is https and reaches this bot: `GET <url>/healthz`
 * answers 200 from here within 5 s. From here is not from everywhere (a proxy may let this host through only), but
 * a URL that fails from here fails for browsers too.
 */
export function publicUrlCheck(publicUrl: string | undefined, mode: 'production' | 'demo', fetchImpl: typeof fetch = fetch): HealthCheck {
  return {
    name: 'Public URL',
    run: async () => {
      if (!publicUrl) return { status: 'ok', summary: mode === 'demo' ? 'not set (demo)' : 'not set: export links are off' };
      const url = new URL(publicUrl);
      if (url.protocol !== 'https:')
        return {
          status: isLoopback(url.hostname) ? 'warn' : 'fail',
          summary: `${url.origin} is not https`,
          impact: `${LINKS_IMPACT} from other machines`,
          fix: 'set PUBLIC_BASE_URL to the https address browsers reach this bot at',
        };
      const target = `${publicUrl.replace(/\/+$/, '')}/healthz`;
      try {
        const response = await fetchImpl(target, { signal: AbortSignal.timeout(REACH_TIMEOUT_MS), redirect: 'manual' });
        await response.body?.cancel();
        if (response.status === 200) return { status: 'ok', summary: `${url.origin} reaches this bot` };
        return unreachable(`${target} answered ${response.status}`);
      } catch {
        return unreachable(`${target} did not answer within ${REACH_TIMEOUT_MS / 1000} s`);
      }
    },
  };
}

function unreachable(summary: string): HealthResult {
  return {
    status: 'fail',
    summary,
    impact: LINKS_IMPACT,
    fix: "check that PUBLIC_BASE_URL is this bot's public address and that the proxy or load balancer in front forwards /healthz",
  };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\./.test(hostname);
}
