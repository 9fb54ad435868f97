import { jestConfig } from '../../jest.preset.js';

// The e2e suites start real services and a headless browser: give them time, not retries.
export default { ...jestConfig(import.meta.dirname), testTimeout: 60_000 };
