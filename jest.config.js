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

module.exports = {
  testTimeout: 30_000,
  projects: [
    tier('unit', { testMatch: ['<rootDir>/test/unit/**/*.test.ts'] }),
    tier('contract', { testMatch: ['<rootDir>/test/contract/**/*.test.ts'] }),
    tier('emulators', { testMatch: ['<rootDir>/test/emulators/**/*.test.ts'] }),
    tier('integration', { testMatch: ['<rootDir>/test/integration/**/*.test.ts'] }),
    tier('e2e', { testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] }),
  ],
};
