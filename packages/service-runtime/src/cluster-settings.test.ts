// Settings that name several servers: the NATS nodes of a cluster, a PostgreSQL primary and its
// standbys. Bad ones stop the service with a line naming the variable.
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ConfigError, loadConfig, natsServersVar, postgresUrlVar } from './config.js';
import { parsePostgresUrl, postgresConnectionConfig } from './postgres-target.js';

const schema = z.object({ NATS_URL: natsServersVar, DATABASE_URL: postgresUrlVar });

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('NATS_URL', () => {
  it('takes one server or every node of a cluster, comma-separated', () => {
    const config = loadConfig(schema, {
      NATS_URL: 'nats://10.0.0.1:4222, nats://10.0.0.2:4222,10.0.0.3:4222',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/opd',
    });

    expect(config.NATS_URL).toEqual([
      'nats://10.0.0.1:4222',
      'nats://10.0.0.2:4222',
      '10.0.0.3:4222',
    ]);
  });

  it('names a server it cannot read', () => {
    expect(
      problemsOf({ NATS_URL: 'nats://a:4222,http://b:80', DATABASE_URL: 'postgres://h/db' }),
    ).toEqual([
      `NATS_URL: "http://b:80" is not a NATS URL (nats://host:port), got 'nats://a:4222,http://b:80'`,
    ]);
  });
});

describe('a PostgreSQL URL', () => {
  it('takes a primary and its standbys in libpq multi-host form', () => {
    const target = parsePostgresUrl(
      'postgres://opd:secret@db-a:5432,db-b:6432,[::1]/opd?target_session_attrs=read-write&sslmode=require',
    );
    if ('problem' in target) throw new Error(target.problem);

    expect(target.hosts).toEqual([
      { host: 'db-a', port: 5432 },
      { host: 'db-b', port: 6432 },
      { host: '[::1]', port: 5432 },
    ]);
    expect(target.urlOf({ host: 'db-b', port: 6432 })).toBe(
      'postgres://opd:secret@db-b:6432/opd?sslmode=require',
    );
    expect(target.description).toBe('db-a:5432,db-b:6432,[::1]:5432/opd');
  });

  it('hands one host to node-postgres as it is, and several with a Client that finds the primary', () => {
    const one = 'postgres://postgres@127.0.0.1:5432/opd';
    expect(postgresConnectionConfig(one)).toEqual({ connectionString: one });

    const several = postgresConnectionConfig('postgres://postgres@h1:5432,h2:5433/opd');
    expect(several.connectionString).toBe('postgres://postgres@h1:5432/opd');
    expect(several.Client).toBeDefined();
  });

  it('is refused when it cannot be used, naming the variable', () => {
    expect(problemsOf({ NATS_URL: 'nats://a:1', DATABASE_URL: 'mysql://h/db' })).toEqual([
      "DATABASE_URL: expected postgres://user@host:port/database, got 'mysql://h/db'",
    ]);
    expect(
      problemsOf({
        NATS_URL: 'nats://a:1',
        DATABASE_URL: 'postgres://h1,h2/db?target_session_attrs=read-only',
      }),
    ).toEqual([
      "DATABASE_URL: target_session_attrs=read-only: the services write, so read-write (or primary), got 'postgres://h1,h2/db?target_session_attrs=read-only'",
    ]);
    expect(
      problemsOf({ NATS_URL: 'nats://a:1', DATABASE_URL: 'postgres://opd:s3cret@h1:99999/db' }),
    ).toEqual([
      `DATABASE_URL: "h1:99999" is not host or host:port, got 'postgres://opd:***@h1:99999/db'`,
    ]);
  });
});
