// What other packages may use of the reporting service: starting it in-process (system tests,
// benchmarks) and rebuilding its read model. Everything else is internal.
export { startReportingService, type ReportingAppOptions, type RunningReporting } from './app.js';
export { loadReportingConfig, type ReportingConfig } from './config.js';
export { rebuildReadModel, type RebuildReport } from './consumer/rebuild.js';
