import { jestConfig } from '../../jest.preset.js';

// Two short torture runs, one after the other (each starts a whole private world of processes):
// one PostgreSQL, NATS and both services with every fault injected once (about 45 s on an idle
// 2-core machine), and the cluster run (about 90 s). The limit allows for a very busy machine.
export default { ...jestConfig(import.meta.dirname), testTimeout: 420_000, maxWorkers: 1 };
