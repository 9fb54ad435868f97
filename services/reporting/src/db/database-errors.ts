import { isDatabaseUnavailable } from '@opd/service-runtime';

/**
 * Whether a failure to apply an event may pass by itself — the database is away, busy or
 * restarting — rather than happen again for the same event. Transient failures are retried
 * without limit and never make an event poison; everything else counts toward parking it.
 */
export function isTransientFailure(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  const code = stringField(error, 'code') ?? stringField(error, 'sqlState');
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    return TRANSIENT_CLASSES.has(code.slice(0, 2)) || TRANSIENT_CODES.has(code);
  }
  const message = error instanceof Error ? error.message : '';
  return /connection|terminat|timeout|timed out/i.test(message);
}

/**
 * SQLSTATE classes besides an unreachable database: transaction rollback (serialization,
 * deadlock) and operator intervention (a cancelled statement).
 */
const TRANSIENT_CLASSES = new Set(['40', '57']);
/** lock_not_available, object_in_use (a rebuild's truncate holds the tables). */
const TRANSIENT_CODES = new Set(['55P03', '55006']);

function stringField(error: unknown, key: string): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
