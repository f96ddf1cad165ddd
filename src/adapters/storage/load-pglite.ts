import type * as PgliteModule from '@electric-sql/pglite';

type NodeModuleApi = typeof import('node:module');

/**
 * PGlite boots its WebAssembly runtime with dynamic `import()`. Module sandboxes that don't support that
 * (jest without --experimental-vm-modules) fail there, so PGlite is loaded with Node's own loader when the
 * runtime offers it (Node ≥ 20.16); under plain Node this is the same module a normal require would give.
 */
export function loadPglite(): typeof PgliteModule {
  const getBuiltinModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const nodeModule = getBuiltinModule?.('node:module') as NodeModuleApi | undefined;
  const nodeRequire = nodeModule ? nodeModule.createRequire(__filename) : require;
  return nodeRequire('@electric-sql/pglite') as typeof PgliteModule;
}
