/**
 * The little of pino the relay needs: structured fields first, message second. A pino
 * logger fits as is; tests pass a collecting one.
 */
export interface RelayLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * What a failure looks like in a log line: its kind and message, never the event's payload
 * (payloads are patient-related even without names, and they are not needed to diagnose).
 */
export function describeError(error: unknown): { name: string; message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(code === undefined ? {} : { code: String(code) }),
    };
  }
  return { name: 'unknown', message: String(error) };
}
