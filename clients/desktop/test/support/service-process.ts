// Runs one of the platform's services as a real child process, from its TypeScript sources
// (tsx with the @opd/source condition, as `npm start` does), and waits for its
// "… service is serving" log line to learn the port it bound.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
const TSX = path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');

export interface ServiceProcess {
  readonly name: string;
  readonly port: number;
  stop(): Promise<void>;
}

export async function startServiceProcess(
  name: string,
  entry: string,
  env: Record<string, string>,
  // Generous: on a shared 2-core machine several suites start services at once.
  timeoutMs = 90_000,
): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [TSX, '--conditions=@opd/source', path.join(REPO_ROOT, entry)],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
  };
  if (child.stderr) createInterface({ input: child.stderr }).on('line', remember);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${name} did not start in ${timeoutMs} ms:\n${recent.join('\n')}`));
    }, timeoutMs);
    if (!child.stdout) throw new Error('no stdout');
    createInterface({ input: child.stdout }).on('line', (line) => {
      remember(line);
      if (!line.includes('service is serving')) return;
      try {
        const parsed = JSON.parse(line) as { port?: unknown };
        if (typeof parsed.port === 'number') {
          clearTimeout(timer);
          resolve(parsed.port);
        }
      } catch {
        // not a JSON log line
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before serving:\n${recent.join('\n')}`));
    });
  });

  return {
    name,
    port,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
