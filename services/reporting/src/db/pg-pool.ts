import { postgresConnectionConfig, type Logger } from '@opd/service-runtime';
import pg from 'pg';

/**
 * A `pg` pool of the read model for one purpose (the event consumer, exports), named in
 * pg_stat_activity so an operator can tell them apart.
 */
export function openPgPool(
  url: string,
  options: { readonly size: number; readonly applicationName: string },
  log: Logger,
): pg.Pool {
  const pool = new pg.Pool({
    ...postgresConnectionConfig(url),
    max: options.size,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName,
  });
  // A connection that drops (database restart) must not crash the process: the pool reports
  // idle ones on itself, but leaves a checked-out one's 'error' event to whoever holds it, and an
  // 'error' event nobody listens to is fatal. The query in flight rejects on its own.
  pool.on('error', (error) => log.warn({ err: error }, 'a read model connection failed'));
  pool.on('connect', (client) => {
    client.on('error', (error) => log.warn({ err: error }, 'a read model connection failed'));
  });
  return pool;
}

/** The event consumer's pool, sized to how many batches it applies at once. */
export function openConsumerPool(url: string, size: number, log: Logger): pg.Pool {
  return openPgPool(url, { size, applicationName: 'opd-reporting-consumer' }, log);
}
