// Throw-away databases for a benchmark run on the machine's PostgreSQL.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const ADMIN_URL =
  process.env['OPD_BENCH_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

export async function createDatabase(prefix: string): Promise<BenchDatabase> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  await admin(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
