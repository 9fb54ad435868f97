import type pg from 'pg';
import { newPostgresClient } from '@opd/service-runtime';

/**
 * Runs one query on a fresh connection (the run restarts the server, so nothing is pooled); on
 * the primary when the URL names a primary and its standby.
 */
export async function queryOnce<R extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: readonly unknown[] = [],
): Promise<R[]> {
  const client = newPostgresClient(url, { connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<R>(sql, [...params])).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs `work` in one repeatable-read, read-only transaction: every read sees one snapshot. */
export async function inSnapshot<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = newPostgresClient(url, { connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const result = await work(client);
    await client.query('commit');
    return result;
  } finally {
    await client.end().catch(() => undefined);
  }
}
