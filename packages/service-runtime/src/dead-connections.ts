import { isDatabaseUnavailable } from './database-unavailable.js';

/** The parts of a `pg` client this needs (kept structural: this package does not depend on pg). */
interface PgClient {
  query: (...args: never[]) => unknown;
  on(event: 'error' | 'end', listener: () => void): unknown;
}

interface PgPool<C extends PgClient> {
  on(event: 'connect', listener: (client: C) => void): unknown;
}

/**
 * Gives back to the pool the connections of transactions that a database restart or failover
 * cut. Kysely (under MikroORM 7) releases a transaction's connection only after its BEGIN and
 * then its COMMIT or ROLLBACK succeed; on a dead connection they fail, the connection is never
 * released, and after a restart or two under load the pool has none left and the service stops
 * answering (and cannot stop gracefully). So, on each of the pool's connections:
 * - a BEGIN that fails releases the connection, with the error, so the pool discards it;
 * - a ROLLBACK on a dead connection is answered as done: the server rolled the transaction back
 *   when it dropped the connection. Kysely then releases it, and the pool discards it because it
 *   is no longer queryable.
 */
export function releaseDeadConnections<C extends PgClient>(pool: PgPool<C>): void {
  pool.on('connect', (client) => {
    let dead = false;
    const died = () => (dead = true);
    client.on('error', died);
    client.on('end', died);
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    const guarded = (...args: unknown[]): Promise<unknown> => {
      const statement = textOf(args[0]);
      if (BEGIN.test(statement)) {
        return query(...args).catch((error: unknown) => {
          releaseToPool(client, error);
          throw error;
        });
      }
      if (!ROLLBACK.test(statement)) return query(...args);
      if (dead) return Promise.resolve(ROLLED_BACK);
      // The connection may die under the ROLLBACK itself (the server announces its shutdown to
      // a busy connection first, and closes it a moment later).
      return query(...args).catch((error: unknown) => {
        if (dead || isDatabaseUnavailable(error)) return ROLLED_BACK;
        throw error;
      });
    };
    client.query = guarded as C['query'];
  });
}

const BEGIN = /^\s*(begin|start transaction)\b/i;
const ROLLBACK = /^\s*rollback\s*;?\s*$/i;
const ROLLED_BACK = { command: 'ROLLBACK', rowCount: null, rows: [], fields: [] };

/** pg-pool gives each checked-out client a `release`; an error makes the pool discard it. */
function releaseToPool(client: object, error: unknown): void {
  const release: unknown = Reflect.get(client, 'release');
  if (typeof release === 'function') {
    release.call(client, error instanceof Error ? error : new Error(String(error)));
  }
}

function textOf(statement: unknown): string {
  if (typeof statement === 'string') return statement;
  if (typeof statement !== 'object' || statement === null || !('text' in statement)) return '';
  return typeof statement.text === 'string' ? statement.text : '';
}
