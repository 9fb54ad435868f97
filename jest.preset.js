// Shared jest setup: TypeScript through swc, native ESM (MikroORM 7 is ESM-only),
// and workspace packages resolved to their sources through the "@opd/source" condition.
import path from 'node:path';

/** @param {string} projectDir @returns {import('jest').Config} */
export function jestConfig(projectDir) {
  const name = path.basename(projectDir);
  return {
    rootDir: projectDir,
    displayName: name,
    testEnvironment: 'node',
    // Integration tests talk to real PostgreSQL, NATS and service processes on a shared 2-core
    // machine; a slow moment must not read as a failure. Speed is measured by benchmarks.
    testTimeout: 30_000,
    extensionsToTreatAsEsm: ['.ts', '.tsx'],
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.(t|j)sx?$': [
        '@swc/jest',
        {
          jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2023' },
          module: { type: 'es6' },
        },
      ],
    },
    moduleNameMapper: {
      '^(\\.{1,2}/.*)\\.js$': '$1',
      // Its ESM build imports JSON without an import attribute, which jest's ESM mode warns about
      // on every file; the CommonJS build is the same code.
      '^libphonenumber-js/max$': path.join(
        import.meta.dirname,
        'node_modules/libphonenumber-js/max/index.cjs',
      ),
    },
    testEnvironmentOptions: { customExportConditions: ['@opd/source', 'node', 'node-addons'] },
    reporters: ['default', ['<rootDir>/../../tools/jest-count-reporter.js', { name }]],
  };
}
