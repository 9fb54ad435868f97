/**
 * Whether an error means the database could not be reached or went away mid-call (a restart, a
 * failover, a dropped connection) rather than that the request was wrong: callers should hear
 * UNAVAILABLE and retry with the same request_id, not INTERNAL.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = stringField(error, 'code') ?? stringField(error, 'sqlState');
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    return UNAVAILABLE_CLASSES.has(code.slice(0, 2)) || UNAVAILABLE_CODES.has(code);
  }
  // Node's socket errors (ECONNREFUSED, ECONNRESET, EPIPE…) carry no SQLSTATE.
  if (code !== undefined && /^E[A-Z]+$/.test(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
}

/** SQLSTATE classes: connection exception, insufficient resources, system error (I/O). */
const UNAVAILABLE_CLASSES = new Set(['08', '53', '58']);
/** admin_shutdown, crash_shutdown, cannot_connect_now (57014, a cancelled query, is not one). */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03']);
/** What node-postgres and pg-pool say when a connection is gone or cannot be had. */
const CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /not queryable/,
  /timeout exceeded when trying to connect/,
  /Client was closed/,
];

function stringField(error: unknown, key: string): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
