import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The inner layers (domain, use cases) must stay free of SDKs, drivers and the web server,
// so that a change of Teams SDK or database touches adapters only.
const OUTER_WORLD = [
  'botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/*', '@azure/*', 'restify', 'restify-*',
  'pg', 'pg-boss', '@electric-sql/*', 'pino', 'adaptivecards-templating', 'adaptive-expressions', 'openai', 'zod',
];

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', 'coverage/', '.data/', 'devTools/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/use-cases/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: OUTER_WORLD, message: 'domain/ and use-cases/ must not import SDKs, drivers or the web server: add a port in src/domain and an adapter instead.' },
          { group: ['**/adapters/**', '**/app/**'], message: 'Dependencies point inward: domain/ and use-cases/ must not import adapters or app.' },
        ],
      }],
    },
  },
  // Small files named after what they hold: a file past 300 lines holds more than one thing.
  {
    files: ['src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  // The composition root stays readable as a table of contents: small functions (each capability is wired in its
  // own module under src/app/wiring/).
  {
    files: ['src/app/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 40, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['src/app/create-app.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 30, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
