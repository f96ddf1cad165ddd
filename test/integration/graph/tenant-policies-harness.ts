import { emulatorAccessToken } from '../../../emulators/graph/emulator-token';
import { createGraphClient } from '../../../src/adapters/graph/graph-client';
import { GRAPH_PERMISSION_NAMES } from '../../../src/adapters/graph/graph-permissions';
import { GraphTenantPolicies } from '../../../src/adapters/graph/graph-tenant-policies';
import { rolesOfAccessToken } from '../../../src/adapters/graph/token-roles';

/**
 * The policy adapter as the app wires it, on the emulator at `graphUrl`: a token holding every permission MFA Coach
 * lists but the `revoked` ones, whose roles also tell the adapter whether it may write. No transient retries: a
 * test sees Graph's first answer.
 */
export function tenantPoliciesOn(graphUrl: string, tenantId: string, revoked: readonly string[] = []): GraphTenantPolicies {
  const token = emulatorAccessToken({ tenantId, roles: GRAPH_PERMISSION_NAMES.filter((name) => !revoked.includes(name)) });
  return new GraphTenantPolicies(
    createGraphClient(graphUrl, async () => token),
    { maxTransientRetries: 0 },
    async () => rolesOfAccessToken(token),
  );
}
