// Runs a service as its own process, as in production, so the load generator does not share its
// event loop. Resolves once the service logs that it is serving.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's root: service entries are given relative to it. */
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');

export interface ServiceProcess {
  readonly port: number;
  readonly child: ChildProcess;
  /** The most memory the process has held resident so far (Linux: VmHWM), in bytes. */
  peakRss(): number;
  /** CPU time the process has used so far, user and system (Linux: /proc/<pid>/stat), in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export function startService(
  entry: string,
  env: Record<string, string>,
  readyMessage: string,
): Promise<ServiceProcess> {
  // Node directly (no wrapper process), so a CPU profile covers the service; TypeScript sources
  // through tsx's loader, a build (`dist/*.js`) as production runs it.
  const profile = process.env['OPD_BENCH_PROFILE_DIR'];
  const fromSource = entry.endsWith('.ts') ? ['--conditions=@opd/source', '--import', 'tsx'] : [];
  const args = [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    ...fromSource,
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
          peakRss: () => peakRssOf(child.pid),
          cpuMs: () => cpuMsOf(child.pid),
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

function peakRssOf(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  return kib === undefined ? Number.NaN : Number(kib) * 1024;
}

/** utime + stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ). */
function cpuMsOf(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after it are plain.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
