import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startEmbeddedPostgres } from '../embedded-postgres.js';
import { ensureDatabase, postgresAnswers } from '../postgres.js';
import { freePort } from './support/allocation.js';

let dir = '';
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe('the embedded PostgreSQL npm start falls back to', () => {
  it('initialises a data directory, serves the default URL shape, and stops cleanly', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'opd-embedded-'));
    const port = await freePort();
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'postgres'),
      port,
      logFile: path.join(dir, 'postgres.log'),
    });
    const url = `postgres://postgres@127.0.0.1:${port}/opd`;
    try {
      expect(existsSync(path.join(dir, 'postgres', 'PG_VERSION'))).toBe(true);
      expect(await ensureDatabase(url)).toBe(true);
      expect(await ensureDatabase(url)).toBe(false);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ version: string }>(
        "select current_setting('server_version') as version",
      );
      await client.end();
      expect(rows[0]?.version).toMatch(/^\d+/);
    } finally {
      await server.stop();
    }
    expect(await postgresAnswers(url)).toBe(false);
  }, 30_000);
});
