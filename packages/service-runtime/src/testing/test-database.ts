// Each test file gets its own PostgreSQL database, created empty and dropped afterwards, so
// suites run in parallel against the machine's real server without seeing each other.
// `pg` comes from the workspace root's devDependencies (test helpers are never built).
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const ADMIN_URL =
  process.env['OPD_TEST_ADMIN_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A new, empty database named `<prefix>_<random>`; the caller migrates it. */
export async function createTestDatabase(prefix = 'opd_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
