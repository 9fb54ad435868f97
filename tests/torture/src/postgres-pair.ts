// The cluster run's PostgreSQL: a primary and a synchronous streaming standby from the machine's
// own PostgreSQL binaries (Debian's), each a process of the run on a free port, its data in the
// run directory. The services are given both (a multi-host URL, ADR 0018); the fault kills the
// primary with every backend and promotes the standby.
import path from 'node:path';
import pg from 'pg';
import {
  baseBackup,
  initPrimary,
  postgresOsUser,
  promote,
  serverAnswers,
  serverCommand,
} from '@opd/service-runtime/testing';
import { ManagedProcess, type Exit } from './child-process.js';
import type { RunDir } from './run-dir.js';
import { waitFor } from './time.js';

type Role = 'primary' | 'standby';

interface Server {
  readonly role: Role;
  readonly port: number;
  readonly dataDir: string;
  process: ManagedProcess | undefined;
}

export class PostgresPair {
  readonly #servers: Record<Role, Server>;
  /** Set once the standby was promoted: the old primary is fenced (never started again). */
  #promoted = false;

  constructor(
    private readonly run: RunDir,
    ports: { readonly primary: number; readonly standby: number },
    private readonly onUnexpectedExit: (
      role: Role,
    ) => (exit: Exit, lastLines: readonly string[]) => void,
  ) {
    const server = (role: Role, port: number): Server => ({
      role,
      port,
      dataDir: path.join(run.path, `pg-${role}`),
      process: undefined,
    });
    this.#servers = {
      primary: server('primary', ports.primary),
      standby: server('standby', ports.standby),
    };
  }

  get primaryPort(): number {
    return this.#servers.primary.port;
  }

  get standbyPort(): number {
    return this.#servers.standby.port;
  }

  get promoted(): boolean {
    return this.#promoted;
  }

  /** Both servers, the primary first: connections go to whichever is the primary. */
  url(database: string): string {
    const { primary, standby } = this.#servers;
    return `postgres://postgres@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/${database}?target_session_attrs=read-write`;
  }

  /**
   * initdb, the primary (synchronous commit), pg_basebackup, the standby streaming from it; then
   * the databases, once the standby is there to confirm their commits.
   */
  async start(databases: readonly string[]): Promise<void> {
    initPrimary(this.#servers.primary.dataDir);
    await this.#start('primary');
    baseBackup(this.primaryPort, this.#servers.standby.dataDir);
    await this.#start('standby');
    const synchronous = await waitFor(
      async () => (await this.#replication()) === 'sync',
      30_000,
      100,
    );
    if (!synchronous) throw new Error('the standby did not become synchronous within 30 s');
    const client = new pg.Client({ connectionString: this.#urlOf(this.primaryPort) });
    await client.connect();
    try {
      for (const name of databases) {
        await client.query(`create database ${client.escapeIdentifier(name)}`);
      }
    } finally {
      await client.end();
    }
  }

  /** A server that is not the fenced old primary, started again after an unexpected exit. */
  async restart(role: Role): Promise<void> {
    if (role === 'primary' && this.#promoted) return;
    if (this.#servers[role].process?.running) return;
    await this.#start(role);
  }

  /** The pid of the server that is the primary now. */
  get primaryPid(): number | undefined {
    return (this.#promoted ? this.#servers.standby : this.#servers.primary).process?.pid;
  }

  /** What the primary says about its standby: 'sync', 'async', or '' when none streams. */
  async #replication(): Promise<string> {
    const client = new pg.Client({
      connectionString: this.#urlOf(this.primaryPort),
      connectionTimeoutMillis: 1_000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ sync_state: string }>(
        'select sync_state from pg_stat_replication',
      );
      return rows[0]?.sync_state ?? '';
    } catch {
      return '';
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** kill -9 of the primary and every backend of it, as when its machine dies. */
  async killPrimary(): Promise<Exit | undefined> {
    return this.#servers.primary.process?.crash();
  }

  /** Promotes the standby; from now on the old primary stays down (it is fenced). */
  async promoteStandby(): Promise<void> {
    this.#promoted = true;
    await promote(this.standbyPort);
  }

  /** True when the server on `port` answers as a primary. */
  isPrimary(role: Role): Promise<boolean> {
    return serverAnswers(this.#servers[role].port, true);
  }

  /** Stops both servers (a fast shutdown), the standby last. */
  async stop(): Promise<void> {
    for (const role of ['primary', 'standby'] as const) {
      await this.#servers[role].process?.stop(10_000, 'SIGINT');
    }
  }

  #urlOf(port: number): string {
    return `postgres://postgres@127.0.0.1:${port}/postgres`;
  }

  async #start(role: Role): Promise<void> {
    const server = this.#servers[role];
    const { command, args } = serverCommand(server.dataDir, server.port, {
      synchronous: role === 'primary',
    });
    const user = postgresOsUser();
    const child = await ManagedProcess.start(
      {
        name: `postgres-${role}`,
        command,
        args,
        cwd: this.run.path,
        env: { LC_ALL: 'C.UTF-8' },
        logFile: path.join(this.run.path, `postgres-${role}.log`),
        ...(user ? { user } : {}),
      },
      this.run,
      this.onUnexpectedExit(role),
    );
    server.process = child;
    const ready = await waitFor(
      async () => !child.running || (await serverAnswers(server.port)),
      60_000,
      100,
    );
    if (!ready || !child.running) {
      await child.kill('SIGKILL');
      throw new Error(
        `PostgreSQL (${role}) did not start on ${server.port}:\n${child.lastLines.join('\n')}`,
      );
    }
  }
}
