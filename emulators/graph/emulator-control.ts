import { demoPersonas, type AuthenticationMethod, type ConditionalAccessPolicy, type RegistrationCampaign } from '../demo-tenant';
import type { GraphEmulatorStats } from './emulator-stats';
import type { FaultSpec } from './fault-injector';
import type { GraphResponse } from './graph-request';
import { GRAPH_SERVICES, type GraphService, type ThrottleSetting } from './graph-service';
import type { GraphState } from './graph-state';

interface Controls {
  state: GraphState;
  emulator: {
    injectFaults(spec: FaultSpec): void;
    setThrottle(service: GraphService, setting: ThrottleSetting | null): void;
    stats(): GraphEmulatorStats;
    reset(): void;
  };
}

/**
 * `/_emulator/*`: the same controls as the in-process API, over HTTP, for scripts that run the emulator in
 * another process (the demo, benchmarks). Not Graph: no bearer token, no throttling, loopback only.
 *
 *   GET  /_emulator/stats                              → stats()
 *   GET  /_emulator/personas                           → { employee, admin } ids and UPNs
 *   POST /_emulator/reset
 *   POST /_emulator/faults            {count,status,retryAfterSeconds?,path? (regex source),method?}
 *   PUT  /_emulator/throttle/{service} {limit,windowSeconds} | null
 *   POST /_emulator/users/{id}/methods {…authentication method…}
 *   POST /_emulator/users/{id}/enrol-authenticator {passwordless?}
 *   POST /_emulator/users/{id}/installed-apps {teamsAppId?}
 *   POST /_emulator/report/refresh
 *   PUT  /_emulator/policies/registration-campaign {…campaign properties to change…}
 *   PUT  /_emulator/policies/conditional-access [policies] | PATCH …/conditional-access/{id} {…properties…}
 *   PUT  /_emulator/policies/security-defaults {isEnabled}
 */
export function handleControlRequest(method: string, pathname: string, raw: string, { state, emulator }: Controls): GraphResponse {
  try {
    const body = raw ? (JSON.parse(raw) as unknown) : undefined;
    const m = (pattern: RegExp) => pattern.exec(pathname);
    let match: RegExpExecArray | null;
    if (method === 'GET' && pathname === '/_emulator/stats') return { status: 200, body: emulator.stats() };
    if (method === 'GET' && pathname === '/_emulator/personas') {
      const { employee, admin } = demoPersonas(state.tenant);
      return {
        status: 200,
        body: {
          employee: { id: employee.id, userPrincipalName: employee.userPrincipalName },
          admin: { id: admin.id, userPrincipalName: admin.userPrincipalName },
        },
      };
    }
    if (method === 'POST' && pathname === '/_emulator/reset') {
      emulator.reset();
      return { status: 204 };
    }
    if (method === 'POST' && pathname === '/_emulator/faults') {
      const spec = body as Omit<FaultSpec, 'path'> & { path?: string };
      emulator.injectFaults({ ...spec, path: spec.path === undefined ? undefined : new RegExp(spec.path) });
      return { status: 204 };
    }
    if (method === 'PUT' && (match = m(/^\/_emulator\/throttle\/([^/]+)$/))) {
      const service = match[1] as GraphService;
      if (!GRAPH_SERVICES.includes(service)) return fail(404, `unknown service '${service}'`);
      emulator.setThrottle(service, (body ?? null) as ThrottleSetting | null);
      return { status: 204 };
    }
    if (method === 'POST' && (match = m(/^\/_emulator\/users\/([^/]+)\/methods$/))) {
      state.addMethod(decodeURIComponent(match[1] as string), body as AuthenticationMethod);
      return { status: 204 };
    }
    if (method === 'POST' && (match = m(/^\/_emulator\/users\/([^/]+)\/enrol-authenticator$/))) {
      return {
        status: 200,
        body: state.enrolAuthenticator(decodeURIComponent(match[1] as string), (body ?? {}) as { passwordless?: boolean }),
      };
    }
    if (method === 'POST' && (match = m(/^\/_emulator\/users\/([^/]+)\/installed-apps$/))) {
      const { installation } = state.installApp(
        decodeURIComponent(match[1] as string),
        (body as { teamsAppId?: string } | undefined)?.teamsAppId,
      );
      return { status: 200, body: installation };
    }
    if (method === 'POST' && pathname === '/_emulator/report/refresh') {
      state.refreshReport();
      return { status: 204 };
    }
    if (method === 'PUT' && pathname === '/_emulator/policies/registration-campaign') {
      state.policies.setRegistrationCampaign(body as Partial<RegistrationCampaign>);
      return { status: 204 };
    }
    if (method === 'PUT' && pathname === '/_emulator/policies/conditional-access') {
      state.policies.setConditionalAccessPolicies(body as ConditionalAccessPolicy[]);
      return { status: 204 };
    }
    if (method === 'PATCH' && (match = m(/^\/_emulator\/policies\/conditional-access\/([^/]+)$/))) {
      return { status: 200, body: state.policies.updateConditionalAccessPolicy(decodeURIComponent(match[1] as string), body as object) };
    }
    if (method === 'PUT' && pathname === '/_emulator/policies/security-defaults') {
      state.policies.setSecurityDefaults((body as { isEnabled?: unknown } | undefined)?.isEnabled === true);
      return { status: 204 };
    }
    return fail(501, `NOT EMULATED: no control ${method} ${pathname}`);
  } catch (e) {
    return fail(400, (e as Error).message);
  }
}

function fail(status: number, message: string): GraphResponse {
  return { status, body: { error: { code: status === 501 ? 'NotImplemented' : 'BadRequest', message } } };
}
