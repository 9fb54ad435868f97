import { jestConfig } from '../../jest.preset.js';

// Integration tests wait on real PostgreSQL and NATS (an export of 100,000 rows, redeliveries
// after an ack wait): generous per-test limits keep a busy machine from failing them.
export default { ...jestConfig(import.meta.dirname), testTimeout: 30_000 };
