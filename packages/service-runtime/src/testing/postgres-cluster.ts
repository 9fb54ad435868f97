// A primary PostgreSQL and a streaming standby on this machine, from the machine's own
// PostgreSQL binaries (Debian's), each a server process of its own on a free port: initdb,
// pg_basebackup and promotion, as an operator does them. PostgreSQL refuses to run as root,
// so as root every server runs as the `postgres` OS user (Debian's packages create it).
// Used by the failover tests and the torture run's cluster mode (which runs the servers as
// processes of its own, hence the separate pieces).
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
} from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/** Where initdb, postgres and pg_basebackup are: OPD_PG_BIN, `pg_config --bindir`, or Debian's newest. */
export function postgresBinDir(): string {
  const fromEnv = process.env['OPD_PG_BIN'];
  if (fromEnv) return fromEnv;
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(path.join(dir, 'pg_basebackup'))) return dir;
  } catch {
    // no pg_config on PATH
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = path.join(root, version, 'bin');
    if (existsSync(path.join(dir, 'pg_basebackup'))) return dir;
  }
  throw new Error(
    'no PostgreSQL server binaries (initdb, pg_basebackup): install them (Debian: apt-get install postgresql) or set OPD_PG_BIN',
  );
}

/** The uid and gid PostgreSQL runs as: the `postgres` user when we are root, else ourselves. */
export function postgresOsUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('running as root, PostgreSQL needs a "postgres" OS user to run as');
  }
}

/** Spawn options that run a PostgreSQL binary as its user, in a process group of its own. */
export function asPostgres(extra: SpawnOptions = {}): SpawnOptions {
  const user = postgresOsUser();
  return { ...extra, ...(user ?? {}), detached: true, env: { ...process.env, LC_ALL: 'C.UTF-8' } };
}

/** A directory the postgres user owns (and can reach: its parents are made traversable). */
export function postgresDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const user = postgresOsUser();
  if (user) {
    chmodSync(path.dirname(dir), 0o755);
    chownSync(dir, user.uid, user.gid);
  }
  return dir;
}

function run(binary: string, args: readonly string[]): void {
  const bin = path.join(postgresBinDir(), binary);
  const user = postgresOsUser();
  execFileSync(bin, [...args], {
    stdio: 'pipe',
    ...(user ?? {}),
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  });
}

/**
 * A new cluster in `dataDir` for a primary: trust on 127.0.0.1 only (replication included),
 * WAL for standbys, its socket in its own directory. The sockets and the port are given at start.
 */
export function initPrimary(dataDir: string): void {
  postgresDir(dataDir);
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '-N']);
  appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    [
      '',
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      'max_connections = 200',
      'wal_level = replica',
      'max_wal_senders = 10',
      'hot_standby = on',
      // Commit timestamps let a check tell in which order transactions committed.
      'track_commit_timestamp = on',
      '',
    ].join('\n'),
  );
}

/**
 * A standby of the primary on `primaryPort`, copied with pg_basebackup (the WAL streamed along,
 * a fast checkpoint) and configured to stream from it (`-R`: standby.signal, primary_conninfo).
 */
export function baseBackup(primaryPort: number, standbyDir: string): void {
  postgresDir(standbyDir);
  run('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primaryPort),
    '-U',
    'postgres',
    '-D',
    standbyDir,
    '-R',
    '-X',
    'stream',
    '--checkpoint=fast',
    '-N',
  ]);
}

export interface ServerCommand {
  readonly command: string;
  readonly args: string[];
}

/**
 * The command that runs one server in the foreground. `synchronous` makes every commit wait
 * until a standby has the commit on disk (`synchronous_standby_names = '*'`); it is given on the
 * command line, never in the data directory, so a standby copied from this primary does not
 * inherit it and, once promoted, does not wait for a standby it does not have. (So nothing
 * commits on a synchronous primary, not even CREATE DATABASE, until its standby streams.)
 */
export function serverCommand(
  dataDir: string,
  port: number,
  options: { readonly synchronous?: boolean } = {},
): ServerCommand {
  const args = ['-D', dataDir, '-p', String(port)];
  if (options.synchronous) args.push('-c', 'synchronous_standby_names=*');
  return { command: path.join(postgresBinDir(), 'postgres'), args };
}

/** Promotes the standby on `port` to a primary and waits until it accepts writes. */
export async function promote(port: number): Promise<void> {
  const client = new pg.Client({
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
  });
  await client.connect();
  try {
    await client.query('select pg_promote(true, 60)');
  } finally {
    await client.end();
  }
}

/** True when the server on `port` answers queries (and, if asked, is the primary). */
export async function serverAnswers(port: number, primary?: boolean): Promise<boolean> {
  const client = new pg.Client({
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
    connectionTimeoutMillis: 1_000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ standby: boolean }>(
      'select pg_is_in_recovery() as standby',
    );
    return primary === undefined || rows[0]?.standby === !primary;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The pids of `pid`'s children, from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/**
 * kill -9 of a PostgreSQL server as a machine failure ends it: the postmaster and every backend
 * at once. (Each backend is a session of its own, so the postmaster's process group is not
 * enough, and a backend that outlives its postmaster may still answer for a moment.) The
 * postmaster is frozen first, so it forks nothing while its children are counted.
 */
export function killServerTree(postmasterPid: number): void {
  process.kill(postmasterPid, 'SIGSTOP');
  for (const child of childrenOf(postmasterPid)) {
    try {
      process.kill(child, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  process.kill(postmasterPid, 'SIGKILL');
}

/** A running server of a test (not the torture run's, which it manages itself). */
export class PostgresProcess {
  #child: ChildProcess | undefined;

  constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly options: { readonly synchronous?: boolean } = {},
  ) {}

  /** A URL to `database` on this server alone. */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const { command, args } = serverCommand(this.dataDir, this.port, this.options);
    this.#child = spawn(command, args, asPostgres({ stdio: 'ignore' }));
    const deadline = Date.now() + 30_000;
    while (!(await serverAnswers(this.port))) {
      if (this.#child.exitCode !== null)
        throw new Error(`postgres exited (${this.#child.exitCode})`);
      if (Date.now() > deadline) throw new Error(`postgres on ${this.port} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** kill -9 of the server and every backend: the machine it ran on is gone. */
  async kill(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    killServerTree(child.pid);
    await exited;
  }
}
