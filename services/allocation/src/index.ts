// What other packages may use of the allocation service: starting it in-process (system tests,
// benchmarks) with a driven clock. Everything else is internal.
export {
  startAllocationService,
  type AllocationAppOptions,
  type RunningAllocation,
} from './app.js';
export { loadAllocationConfig, type AllocationConfig } from './config.js';
export { ManualClock, systemClock, type Clock } from './clock.js';
export { migrate, openDatabase } from './db/orm.js';
