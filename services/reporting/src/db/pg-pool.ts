import type { Logger } from '@opd/service-runtime';
import pg from 'pg';

/** A `pg` pool for the event consumer, sized to how many events it applies at once. */
export function openConsumerPool(url: string, size: number, log: Logger): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: size, idleTimeoutMillis: 30_000 });
  // An idle connection that drops (database restart) must not crash the process.
  pool.on('error', (error) => log.warn({ err: error }, 'a read model connection failed'));
  return pool;
}
