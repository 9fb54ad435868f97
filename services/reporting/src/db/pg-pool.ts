import type { Logger } from '@opd/service-runtime';
import pg from 'pg';

/** A `pg` pool for the event consumer, sized to how many events it applies at once. */
export function openConsumerPool(url: string, size: number, log: Logger): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: size, idleTimeoutMillis: 30_000 });
  // A connection that drops (database restart) must not crash the process: the pool reports
  // idle ones on itself, but leaves a checked-out one's 'error' event to whoever holds it, and an
  // 'error' event nobody listens to is fatal. The query in flight rejects on its own.
  pool.on('error', (error) => log.warn({ err: error }, 'a read model connection failed'));
  pool.on('connect', (client) => {
    client.on('error', (error) => log.warn({ err: error }, 'a read model connection failed'));
  });
  return pool;
}
