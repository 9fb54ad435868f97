import { ConfigError } from './config.js';
import { createLogger, type Logger } from './logger.js';

export interface ServiceProcessSpec<C extends { LOG_LEVEL: string }> {
  /** The service's name: in every log line and in start-up errors. */
  readonly name: string;
  readonly loadConfig: () => C;
  readonly start: (options: { config: C; log: Logger }) => Promise<{ stop(): Promise<void> }>;
}

/**
 * A service's process: configuration from the environment, start, then run until SIGINT or
 * SIGTERM, when calls are drained and the process exits (1 if the stop failed). Bad
 * configuration or a failed start prints why and exits 1.
 */
export function runServiceProcess<C extends { LOG_LEVEL: string }>(
  spec: ServiceProcessSpec<C>,
): void {
  startAndWaitForSignal(spec).catch((error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(`${spec.name}: bad configuration\n${error.message}`);
    } else {
      console.error(`${spec.name}: failed to start`, error);
    }
    process.exit(1);
  });
}

async function startAndWaitForSignal<C extends { LOG_LEVEL: string }>(
  spec: ServiceProcessSpec<C>,
): Promise<void> {
  const config = spec.loadConfig();
  const log = createLogger({ name: spec.name, level: config.LOG_LEVEL });
  const running = await spec.start({ config, log });
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
