// One project per test tier; `npm test` runs them all, `npm run test:<tier>` runs one.
const transform = { '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] };
const tier = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  ...extra,
});

module.exports = {
  projects: [
    tier('unit', { testMatch: ['<rootDir>/test/unit/**/*.test.ts'] }),
    tier('contract', { testMatch: ['<rootDir>/test/contract/**/*.test.ts'] }),
    tier('emulators', { testMatch: ['<rootDir>/test/emulators/**/*.test.ts'] }),
    tier('integration', { testMatch: ['<rootDir>/test/integration/**/*.test.ts'] }),
    tier('e2e', { testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] }),
  ],
};
