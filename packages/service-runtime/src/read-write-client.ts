// A node-postgres Client that connects to whichever host of a primary-and-standbys list accepts
// writes, as libpq's `target_session_attrs=read-write` does. Which host that is, is remembered
// per list; a connection that fails, or finds itself on a standby, forgets it, so the next
// connection looks again — which is how a service follows a promoted standby (ADR 0018).
import pg from 'pg';
import type { PostgresHost, PostgresTarget } from './postgres-target.js';

/** The connection could not be made to a primary: SQLSTATE 08001, so callers hear UNAVAILABLE. */
export class NoPrimaryError extends Error {
  override readonly name = 'NoPrimaryError';
  readonly code = '08001';
}

interface Probe {
  readonly host: PostgresHost;
  /** 'primary', 'standby', or why it could not be asked. */
  readonly answer: string;
}

const PROBE_TIMEOUT_MS = 3_000;

/** Which host of one list is the primary, as far as we know. */
class PrimaryLocator {
  #primary: PostgresHost | undefined;
  #looking: Promise<PostgresHost> | undefined;

  constructor(readonly target: PostgresTarget) {}

  /** The known primary, or the first of the hosts that says it is one (all asked at once). */
  primary(): Promise<PostgresHost> {
    if (this.#primary) return Promise.resolve(this.#primary);
    this.#looking ??= this.#look().finally(() => (this.#looking = undefined));
    return this.#looking;
  }

  forget(host: PostgresHost): void {
    if (this.#primary === host) this.#primary = undefined;
  }

  async #look(): Promise<PostgresHost> {
    const probes = await Promise.all(this.target.hosts.map((host) => this.#probe(host)));
    const found = probes.find((p) => p.answer === 'primary');
    if (found === undefined) {
      const answers = probes.map((p) => `${p.host.host}:${p.host.port} ${p.answer}`).join('; ');
      throw new NoPrimaryError(
        `no PostgreSQL primary among ${this.target.description} (${answers})`,
      );
    }
    this.#primary = found.host;
    return found.host;
  }

  async #probe(host: PostgresHost): Promise<Probe> {
    const client = new pg.Client({
      connectionString: this.target.urlOf(host),
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
      query_timeout: PROBE_TIMEOUT_MS,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const standby = await inRecovery(client);
      return { host, answer: standby ? 'standby' : 'primary' };
    } catch (error) {
      return { host, answer: asError(error).message };
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function inRecovery(client: pg.Client): Promise<boolean> {
  const result = await client.query<{ standby: boolean }>('select pg_is_in_recovery() as standby');
  return result.rows[0]?.standby !== false;
}

const locators = new Map<string, PrimaryLocator>();

type ConnectCallback = ((error: Error) => void) | ((error: null, client: pg.Client) => void);

/**
 * The Client class for a list of hosts: give it to a pool (`new pg.Pool({ Client })`, MikroORM's
 * driverOptions) or construct it directly. Each connection asks for the primary, connects there,
 * and checks that the server is not in recovery; when it is (a demoted or fenced server that came
 * back), or the connection fails, the primary is forgotten and the error goes to the caller.
 */
export function readWriteClientClass(target: PostgresTarget): typeof pg.Client {
  const key = target.description;
  const locator = locators.get(key) ?? new PrimaryLocator(target);
  locators.set(key, locator);

  class ReadWriteClient extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<pg.Client> | void {
      const connecting = this.#connectToPrimary();
      if (callback === undefined) return connecting;
      connecting.then(
        (client) => (callback as (error: null, client: pg.Client) => void)(null, client),
        (error: unknown) => (callback as (error: Error) => void)(asError(error)),
      );
    }

    async #connectToPrimary(): Promise<pg.Client> {
      const host = await locator.primary();
      this.host = host.host;
      this.port = host.port;
      try {
        await super.connect();
      } catch (error) {
        locator.forget(host);
        throw error;
      }
      if (await inRecovery(this).catch(() => true)) {
        locator.forget(host);
        await this.end().catch(() => undefined);
        throw new NoPrimaryError(`${host.host}:${host.port} is not the primary any more`);
      }
      return this;
    }
  }
  return ReadWriteClient;
}

/** The error as it came (its code and all; `instanceof Error` fails across realms). */
function asError(error: unknown): Error {
  return typeof error === 'object' && error !== null && 'message' in error
    ? (error as Error)
    : new Error(String(error));
}
