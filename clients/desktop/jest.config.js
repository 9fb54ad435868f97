import { jestConfig } from '../../jest.preset.js';

// The e2e suites start real services and a headless browser: give them time, not retries.
// The renderer is built once per run (test/support/global-setup.js) for every browser suite.
export default {
  ...jestConfig(import.meta.dirname),
  testTimeout: 120_000,
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
};
