import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServiceSpec {
  /** Shown in front of every line the service prints. */
  readonly name: string;
  /** The service's main module, relative to the repo root. */
  readonly entry: string;
  readonly env: Readonly<Record<string, string>>;
  /** The port of its /healthz endpoint. */
  readonly metricsPort: number;
}

/**
 * One service of the stack as a child process, run from its TypeScript sources (workspace
 * packages resolve to their sources through the "@opd/source" condition). It stays in our
 * process group, so Ctrl-C in the terminal reaches it as well; it drains on the first signal.
 */
export class ServiceProcess {
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(
    readonly spec: ServiceSpec,
    root: string,
  ) {
    this.child = spawn(
      process.execPath,
      ['--conditions=@opd/source', '--import', 'tsx', spec.entry],
      {
        cwd: root,
        env: { ...process.env, ...spec.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream)
        createInterface({ input: stream }).on('line', (line) =>
          console.log(`${spec.name.padEnd(10)} | ${line}`),
        );
    }
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once /healthz answers 200 (database and broker up); rejects if the process dies. */
  async ready(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const url = `http://127.0.0.1:${this.spec.metricsPort}/healthz`;
    while (Date.now() < deadline) {
      if (!this.running)
        throw new Error(`${this.spec.name} exited while starting (see its lines above)`);
      if (
        await fetch(url).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(
      `${this.spec.name} did not report healthy at ${url} within ${timeoutMs / 1000} s`,
    );
  }

  /** SIGTERM (the service drains its calls), then SIGKILL if it has not gone after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
