import type pg from 'pg';

/**
 * Runs `work` in one transaction on a connection of `pool`, committing if it returns and
 * rolling back if it throws. The consumer's hot path uses `pg` directly: per event it is a
 * handful of statements, and the ORM's unit of work would cost more than the database does.
 */
export async function inPgTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    // A connection that could not even roll back is not given to anyone else.
    client.release(broken);
  }
}
