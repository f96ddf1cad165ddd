// One project per test tier; `npm test` runs them all, `npm run test:<tier>` runs one.
// Transpile only: `npm run lint` type-checks; tests should not pay for it twice.
const transform = { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] };
const tier = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  ...extra,
});

// Most suites wait on I/O (databases, emulators, a browser), so two workers help even on two cores.
module.exports = {
  maxWorkers: Math.max(2, require('node:os').cpus().length - 1),
  testTimeout: 30_000,
  projects: [
    tier('unit', { testMatch: ['<rootDir>/test/unit/**/*.test.ts'] }),
    tier('contract', { testMatch: ['<rootDir>/test/contract/**/*.test.ts'] }),
    tier('emulators', { testMatch: ['<rootDir>/test/emulators/**/*.test.ts'] }),
    tier('integration', { testMatch: ['<rootDir>/test/integration/**/*.test.ts'] }),
    tier('e2e', { testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] }),
  ],
};
