// Drops the read model and replays the event stream into it: `npm run rebuild -w @opd/reporting`.
// Running reporting instances may stay up: they follow the recreated consumer.
import { ConfigError, createLogger } from '@opd/service-runtime';
import { loadReportingConfig } from './config.js';
import { rebuildReadModel } from './consumer/rebuild.js';

try {
  const config = loadReportingConfig();
  const log = createLogger({ name: 'reporting-rebuild', level: config.LOG_LEVEL });
  const report = await rebuildReadModel({ config, log });
  console.log(
    `rebuilt the read model: ${report.eventsApplied} events applied, ` +
      `${report.parkedEvents} parked, in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  process.exit(0);
} catch (error) {
  console.error(
    error instanceof ConfigError
      ? `reporting: bad configuration\n${error.message}`
      : `reporting: the rebuild failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
