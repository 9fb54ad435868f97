// The run's progress as structured JSON lines (pino, with the services' redaction of patient
// fields as a safety net: the run logs ids and counts, never a phone number or a name).
import { createLogger, type Logger } from '@opd/service-runtime';

export type { Logger };

/** Where log lines go: a stream, or anything that takes strings (a test's buffer). */
export interface LogDestination {
  write(line: string): unknown;
}

export function runLogger(destination: LogDestination, level = 'info'): Logger {
  return createLogger({ name: 'torture', level }, destination);
}

/** A logger that says nothing. */
export const silentLogger = (): Logger => runLogger({ write: () => undefined }, 'silent');
