import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM } from '@mikro-orm/postgresql';
import { releaseDeadConnections } from '@opd/service-runtime';
import * as entities from './entities/index.js';
import { migrations } from './migrations/index.js';

export interface DatabaseOptions {
  /** postgres://user@host:port/database */
  readonly url: string;
  readonly poolMax?: number;
  /** Log every SQL statement (tests that assert the SQL use their own logger). */
  readonly logQuery?: (sql: string) => void;
}

/** The ORM for the reporting database. Schema changes only ever come from migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  const { logQuery } = options;
  return MikroORM.init(
    defineConfig({
      clientUrl: options.url,
      entities: Object.values(entities),
      extensions: [Migrator],
      migrations: { migrationsList: migrations, snapshot: false, silent: true },
      pool: { min: 0, max: options.poolMax ?? 10 },
      // A database restart must not leak the connections of the transactions it cut.
      driverOptions: { onPoolCreated: releaseDeadConnections },
      // Timestamps are instants: always UTC on the wire.
      timezone: '+00:00',
      ...(logQuery
        ? { debug: ['query' as const], logger: (message: string) => logQuery(message) }
        : {}),
    }),
  );
}

/** Applies every pending migration; safe to run on every start. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
