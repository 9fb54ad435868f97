// Which PostgreSQL a service talks to: one server (`postgres://user@host:5432/opd`, handed to
// node-postgres as it is) or a primary and its standbys in libpq's multi-host form
// (`postgres://user@db-a:5432,db-b:5432/opd?target_session_attrs=read-write`), of which every
// connection goes to the one that accepts writes. node-postgres has no multi-host support;
// ADR 0018 says why this small part of libpq's is done here.
import pg from 'pg';
import { readWriteClientClass } from './read-write-client.js';

export interface PostgresHost {
  readonly host: string;
  readonly port: number;
}

export interface PostgresTarget {
  readonly hosts: readonly PostgresHost[];
  readonly database: string;
  /** A node-postgres connection string to one host, the others' settings the same. */
  urlOf(host: PostgresHost): string;
  /** The hosts and database, for logs and errors (never the password). */
  readonly description: string;
}

const SESSION_ATTRS = 'target_session_attrs';

/**
 * Reads a PostgreSQL URL, one host or several. Returns a problem, in words, when it cannot be
 * used: not a postgres URL, a host without a port number that makes sense, or a
 * `target_session_attrs` other than read-write (the services write).
 */
export function parsePostgresUrl(url: string): PostgresTarget | { readonly problem: string } {
  const match = /^(postgres(?:ql)?:\/\/)(?:([^@/]*)@)?([^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/.exec(
    url.trim(),
  );
  if (!match) return { problem: 'expected postgres://user@host:port/database' };
  const [, scheme = '', credentials, hostList = '', path = '', query = ''] = match;
  const hosts: PostgresHost[] = [];
  for (const item of hostList.split(',')) {
    const hostPort = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(item.trim());
    const port = Number(hostPort?.[2] ?? 5432);
    if (!hostPort || port < 1 || port > 65535)
      return { problem: `"${item}" is not host or host:port` };
    hosts.push({ host: hostPort[1] ?? '', port });
  }
  const params = new URLSearchParams(query.slice(1));
  const attrs = params.get(SESSION_ATTRS);
  if (attrs !== null && attrs !== 'read-write' && attrs !== 'primary')
    return { problem: `${SESSION_ATTRS}=${attrs}: the services write, so read-write (or primary)` };
  params.delete(SESSION_ATTRS);
  const rest = params.size > 0 ? `?${params.toString()}` : '';
  const userPart = credentials === undefined ? '' : `${credentials}@`;
  const database = decodeURIComponent(path.slice(1));
  return {
    hosts,
    database,
    urlOf: (host) => `${scheme}${userPart}${host.host}:${host.port}${path}${rest}`,
    description: `${hosts.map((h) => `${h.host}:${h.port}`).join(',')}/${database}`,
  };
}

function targetOf(url: string): PostgresTarget {
  const parsed = parsePostgresUrl(url);
  if ('problem' in parsed) throw new Error(`PostgreSQL URL: ${parsed.problem}`);
  return parsed;
}

/** A pool's (or a client's) settings for `url`; several hosts bring their own Client class. */
export type PostgresConnectionConfig = pg.PoolConfig & { readonly Client?: typeof pg.Client };

/**
 * node-postgres settings for `url`: the URL itself for one host; for several, a Client class
 * that connects to whichever of them is the primary (and the first host's URL for the rest).
 * Spread it into `new pg.Pool({...})`; for a lone client use {@link newPostgresClient}.
 */
export function postgresConnectionConfig(url: string): PostgresConnectionConfig {
  const target = targetOf(url);
  const [first] = target.hosts;
  if (first === undefined || target.hosts.length === 1) return { connectionString: url };
  return {
    connectionString: target.urlOf(first),
    Client: readWriteClientClass(target),
    // A primary that vanishes without closing its sockets (a machine lost) is noticed.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

/** One client (not pooled) for `url`, on the primary when it names several hosts. */
export function newPostgresClient(url: string, settings: pg.ClientConfig = {}): pg.Client {
  const { Client, ...config } = postgresConnectionConfig(url);
  const ClientClass = Client ?? pg.Client;
  return new ClientClass({ ...config, ...settings });
}
