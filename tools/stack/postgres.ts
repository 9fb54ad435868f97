import { newPostgresClient, parsePostgresUrl } from '@opd/service-runtime';
import { withDatabase } from './stack-config.js';

// The URLs may name a primary and its standbys (host-a,host-b): connections go to the primary.

/** True when a PostgreSQL server accepts a connection at `url` (any database). */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = newPostgresClient(withDatabase(url, 'postgres'), {
    connectionTimeoutMillis: 2_000,
  });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database named in `url` if it does not exist; returns true when it created it. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = parsePostgresUrl(url);
  if ('problem' in target) throw new Error(`DATABASE_URL: ${target.problem}`);
  const name = target.database;
  const client = newPostgresClient(withDatabase(url, 'postgres'));
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `no PostgreSQL answers at ${target.hosts.map((h) => `${h.host}:${h.port}`).join(',')} (${(error as Error).message}). Start one, or set DATABASE_URL.`,
    );
  }
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount !== 0) return false;
    await client.query(`create database ${client.escapeIdentifier(name)}`);
    return true;
  } finally {
    await client.end();
  }
}
