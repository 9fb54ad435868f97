// The allocation service process: configuration from the environment, then run until a signal.
import { runServiceProcess } from '@opd/service-runtime';
import { startAllocationService } from './app.js';
import { loadAllocationConfig } from './config.js';

runServiceProcess({
  name: 'allocation',
  loadConfig: () => loadAllocationConfig(),
  start: startAllocationService,
});
