// The reporting service process: configuration from the environment, then run until a signal.
import { runServiceProcess } from '@opd/service-runtime';
import { startReportingService } from './app.js';
import { loadReportingConfig } from './config.js';

runServiceProcess({
  name: 'reporting',
  loadConfig: () => loadReportingConfig(),
  start: startReportingService,
});
