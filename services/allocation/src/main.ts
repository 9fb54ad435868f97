// The allocation service process: configuration from the environment, then run until a signal.
import { ConfigError, createLogger } from '@opd/service-runtime';
import { startAllocationService } from './app.js';
import { loadAllocationConfig } from './config.js';

async function main(): Promise<void> {
  const config = loadAllocationConfig();
  const log = createLogger({ name: 'allocation', level: config.LOG_LEVEL });
  const running = await startAllocationService({ config, log });
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
    console.error(`allocation: bad configuration\n${error.message}`);
  } else {
    console.error('allocation: failed to start', error);
  }
  process.exit(1);
});
