// Runs a service as its own process, as in production, so the load generator does not share its
// event loop. Resolves once the service logs that it is serving.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface ServiceProcess {
  readonly port: number;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export function startService(
  entry: string,
  env: Record<string, string>,
  readyMessage: string,
): Promise<ServiceProcess> {
  // Node with tsx's loader directly (no wrapper process), so a CPU profile covers the service.
  const profile = process.env['OPD_BENCH_PROFILE_DIR'];
  const args = [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    '--conditions=@opd/source',
    '--import',
    'tsx',
    entry,
  ];
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'node'), args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n').slice(0, -1)) {
        if (!line.includes(readyMessage)) continue;
        const port = Number((JSON.parse(line) as { port?: number }).port);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve({
          port,
          child,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before serving`)));
  });
}
