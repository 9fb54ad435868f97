import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { releaseDeadConnections } from './dead-connections.js';
import { postgresConnectionConfig } from './postgres-target.js';

export interface DatabaseOptions {
  /**
   * postgres://user@host:port/database, or a primary and standbys as
   * postgres://user@host-a:port,host-b:port/database (connections go to the primary).
   */
  readonly url: string;
  readonly poolMax?: number;
  /** Log every SQL statement (tests that assert the SQL use their own logger). */
  readonly logQuery?: (sql: string) => void;
}

/** What a service's database holds: its entities and the migrations that build their tables. */
export interface DatabaseSchema {
  readonly entities: NonNullable<Options['entities']>;
  readonly migrations: NonNullable<NonNullable<Options['migrations']>['migrationsList']>;
}

/** A service's ORM on its own database. Schema changes only ever come from migrations. */
export async function openServiceDatabase(
  options: DatabaseOptions,
  schema: DatabaseSchema,
): Promise<MikroORM> {
  const { logQuery } = options;
  // Several hosts: the ORM is given the first as its URL and a Client that finds the primary.
  const { connectionString, Client, keepAlive, keepAliveInitialDelayMillis } =
    postgresConnectionConfig(options.url);
  return MikroORM.init(
    defineConfig({
      clientUrl: connectionString ?? options.url,
      entities: schema.entities,
      extensions: [Migrator],
      migrations: { migrationsList: schema.migrations, snapshot: false, silent: true },
      pool: { min: 0, max: options.poolMax ?? 10 },
      // A database restart must not leak the connections of the transactions it cut.
      driverOptions: {
        onPoolCreated: releaseDeadConnections,
        ...(Client ? { Client, keepAlive, keepAliveInitialDelayMillis } : {}),
      },
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
