import { emulatorAccessToken } from '../emulators/graph';
import { GRAPH_PERMISSION_NAMES } from '../src/adapters/graph/graph-permissions';

/**
 * The Graph token of the demo (and of the tests and benchmarks that run the bot against the Graph emulator): it
 * grants exactly the application permissions the README lists, less any `revoked`, so a permission the bot needs
 * but the list forgot fails here first.
 */
export function demoGraphToken(tenantId: string, revoked: readonly string[] = []): string {
  return emulatorAccessToken({ tenantId, roles: GRAPH_PERMISSION_NAMES.filter((name) => !revoked.includes(name)) });
}
