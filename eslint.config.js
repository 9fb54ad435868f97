// One flat config for the whole monorepo. Module boundaries are enforced here, not hoped for:
// the engine may import nothing from services or clients and no I/O packages.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const ioPackages = [
  'pg',
  'pg-*',
  '@mikro-orm/*',
  '@nats-io/*',
  '@grpc/*',
  'pino',
  'prom-client',
  'electron',
  'react',
  'react-dom',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out/**',
      '**/coverage/**',
      'packages/api/src/gen/**',
      '.nx/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:engine',
              onlyDependOnLibsWithTags: ['type:engine'],
              bannedExternalImports: ioPackages,
            },
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'] },
            {
              sourceTag: 'type:platform',
              onlyDependOnLibsWithTags: ['type:contract', 'type:platform'],
            },
            {
              sourceTag: 'type:service',
              onlyDependOnLibsWithTags: ['type:engine', 'type:contract', 'type:platform'],
            },
            {
              sourceTag: 'type:client',
              onlyDependOnLibsWithTags: ['type:contract', 'type:platform'],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                'type:engine',
                'type:contract',
                'type:platform',
                'type:service',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    // The engine is a functional core: time and randomness come in as arguments.
    files: ['packages/engine/src/**/*.ts'],
    ignores: ['packages/engine/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'fs', 'net', 'http', 'https', 'child_process', 'os', 'crypto'] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The engine never reads the clock: take `now` as an argument.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The engine never reads the clock: take `now` as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The engine is deterministic: take ids and randomness as arguments.',
        },
      ],
    },
  },
  {
    // The wire stays at the edge: commands, queries, the database and events decide and return
    // domain values and raise domain refusals; only grpc/ knows opd.v1 answers and status codes.
    files: [
      'services/allocation/src/commands/**/*.ts',
      'services/allocation/src/queries/**/*.ts',
      'services/allocation/src/db/**/*.ts',
      'services/allocation/src/events/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/grpc/*', '@grpc/*'],
              message: 'Only grpc/ knows the wire: return domain values, raise a Refusal.',
            },
          ],
          paths: [
            {
              name: '@opd/service-runtime',
              importNames: ['ApiError'],
              message: 'Raise a Refusal (commands/refusal.ts); grpc/ maps it to a status.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
