import type { HealthResult } from '../../domain/ports/health-check';
import type { GraphFailure } from './graph-failure';
import { plainWords } from './graph-permission-check';
import type { GraphPermission } from './graph-permissions';

/** A probe as its failure is told: the permission its call needs, and whether these settings make the call at all. */
export interface ProbedCall {
  permission: GraphPermission;
  /** A call the bot does not make with these settings fails as a warning: nothing the operator chose stops. */
  needed: boolean;
}

/** How a probe's one request failed, in words: what it means, what stops working, what to do. */
export function probeFailure(failure: GraphFailure, call: ProbedCall): HealthResult {
  const { permission } = call;
  const answer = `${failure.status ?? 'no answer'}${failure.code ? ` ${failure.code}` : ''}`;
  const serious = call.needed && !permission.onlyDegrades ? 'fail' : 'warn';
  switch (failure.kind) {
    case 'forbidden':
      return {
        status: serious,
        summary: `refused (${answer}): the app lacks ${permission.name}`,
        impact: plainWords(permission.withoutIt),
        fix: `grant the Microsoft Graph application permission ${permission.name} to the app registration and give admin consent`,
      };
    case 'unauthorized':
      return {
        status: 'fail',
        summary: `the token was refused (${answer})`,
        impact: 'every Graph call fails: scans, status checks, admin checks and nudges',
        fix: 'check the Graph credential (client id, secret or certificate, TENANT_ID) and GRAPH_CLOUD: a token of another cloud is refused',
      };
    case 'throttled':
      return {
        status: 'warn',
        summary: `Graph is throttling the app (${answer})`,
        impact: 'no lasting harm: the bot waits and retries its own calls',
        fix: 'run doctor again in a minute',
      };
    case 'busy':
      return {
        status: 'warn',
        summary: "not sent: a scan is using the tenant's reports budget",
        impact: 'no harm: the scan goes on, and live checks wait their turn',
        fix: 'run doctor again when the scan has finished',
      };
    case 'unavailable':
      return {
        status: 'warn',
        summary: `Graph answered ${answer}: a problem on Microsoft's side`,
        impact: 'calls fail until Graph recovers; scans retry on their own',
        fix: 'try again later, and look at the Microsoft 365 service health',
      };
    case 'unreachable':
      return {
        status: 'fail',
        summary: 'no answer from Microsoft Graph within the time allowed',
        impact: 'every Graph call fails: scans, status checks, admin checks and nudges',
        fix: 'check the network path from this host to Graph (proxy, firewall, DNS) and GRAPH_BASE_URL',
      };
    default:
      return {
        status: serious,
        summary: `Graph answered ${answer}${failure.requestId ? ` (request-id ${failure.requestId})` : ''}`,
        impact: plainWords(permission.withoutIt),
        fix: `read what Graph said in the bot's log for ${failure.operation}; ask Microsoft support with the request id if it persists`,
      };
  }
}

/** A call that could not be tried because what it needs first (a token, a user to ask about) is missing. */
export function notTried(why: string, fixFirst: string): HealthResult {
  return {
    status: 'warn',
    summary: `not tried: ${why}`,
    impact: 'this call is untested until then',
    fix: `fix "${fixFirst}" first, then run doctor again`,
  };
}
