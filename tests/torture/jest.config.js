import { jestConfig } from '../../jest.preset.js';

// One short torture run: private PostgreSQL, NATS and both services as child processes, with
// every fault injected once. About 45 s on an idle 2-core machine; the limit allows for a very
// busy one.
export default { ...jestConfig(import.meta.dirname), testTimeout: 420_000 };
