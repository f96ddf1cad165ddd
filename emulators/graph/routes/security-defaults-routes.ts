import { ok } from '../graph-request';
import { route, type GraphRoute } from '../graph-route';
import { readSelect, rejectUnknownOptions } from '../odata-query';

const TYPE = 'microsoft.graph.identitySecurityDefaultsEnforcementPolicy';
const PROPERTIES = ['id', 'displayName', 'description', 'isEnabled'];

/**
 * `GET /policies/identitySecurityDefaultsEnforcementPolicy` (v1.0): whether security defaults are on. They and
 * Conditional Access exclude each other, so a tenant with CA policies has them off. The page documents `$select`.
 */
export const securityDefaultsRoutes: GraphRoute[] = [
  route('GET', '/policies/identitySecurityDefaultsEnforcementPolicy', 'directory', (req, _params, ctx) => {
    rejectUnknownOptions(req, ['$select']);
    const select = readSelect(req, PROPERTIES, TYPE);
    // Id, name and description as in the v1.0 example; they are the same in every tenant.
    const policy: Record<string, unknown> = {
      id: '00000000-0000-0000-0000-000000000005',
      displayName: 'Security Defaults',
      description:
        'Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.',
      isEnabled: ctx.state.policies.securityDefaultsEnabled,
    };
    const body: Record<string, unknown> = { '@odata.context': `${ctx.metadata}#policies/identitySecurityDefaultsEnforcementPolicy` };
    for (const name of select ?? PROPERTIES) body[name] = policy[name];
    return ok(body);
  }),
];
