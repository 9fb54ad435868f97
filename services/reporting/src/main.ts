// The reporting service process: configuration from the environment, then run until a signal.
import { ConfigError, createLogger } from '@opd/service-runtime';
import { startReportingService } from './app.js';
import { loadReportingConfig } from './config.js';

async function main(): Promise<void> {
  const config = loadReportingConfig();
  const log = createLogger({ name: 'reporting', level: config.LOG_LEVEL });
  const running = await startReportingService({ config, log });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: draining calls');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'stopped with an error');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`reporting: bad configuration\n${error.message}`);
  } else {
    console.error('reporting: failed to start', error);
  }
  process.exit(1);
});
