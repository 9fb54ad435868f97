import pg from 'pg';
import { postgresConnectionConfig, type Logger } from '@opd/service-runtime';
import { prepareBatchStatements } from './batch-statements.js';

export interface WritePoolOptions {
  readonly url: string;
  readonly max: number;
  readonly statementTimeoutMs: number;
  readonly log: Pick<Logger, 'warn'>;
}

/**
 * The connections doctor-day batches write through: plain node-postgres, so the hot path runs
 * named prepared statements with no unit of work or query builder in between
 * (docs/adr/0014-doctor-day-batches.md). MikroORM keeps its own pool for everything else.
 */
export function openWritePool(options: WritePoolOptions): pg.Pool {
  const pool = new pg.Pool({
    ...postgresConnectionConfig(options.url),
    max: options.max,
    // A statement that outlives any caller's deadline is cut by the server itself.
    statement_timeout: options.statementTimeoutMs,
    idleTimeoutMillis: 30_000,
  });
  // A connection that dies (a database restart), idle or in use, must not crash the process: an
  // idle one is dropped by the pool, one in use fails its query, and the batch answers UNAVAILABLE.
  const warn = (error: Error) =>
    options.log.warn({ err: error.message }, 'a pooled write connection failed');
  pool.on('error', warn);
  pool.on('connect', (client) => {
    client.on('error', warn);
    prepareBatchStatements(client).catch(warn);
  });
  return pool;
}
