import { jestConfig } from '../../jest.preset.js';

// Two services on real PostgreSQL and NATS per file: generous per-test limits for busy machines.
export default { ...jestConfig(import.meta.dirname), testTimeout: 30_000 };
