// The two services as child processes, run from their TypeScript sources exactly as `npm start`
// runs them, on fixed ports so that clients find them again after a restart.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManagedProcess, type Exit } from './child-process.js';
import type { RunDir } from './run-dir.js';
import { waitFor } from './time.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Node 24 from the repo itself (the system node is older); whatever runs us otherwise. */
const NODE = ((): string => {
  const local = path.join(REPO_ROOT, 'node_modules', '.bin', 'node');
  return existsSync(local) ? local : process.execPath;
})();

/** Plain API keys of the run, one per role it uses. */
export const KEYS = {
  admin: 'torture-admin-key',
  counter: 'torture-counter-key',
  doctor: 'torture-doctor-key',
  integration: 'torture-integration-key',
  reporting: 'torture-reporting-key',
} as const;
export type KeyRole = keyof typeof KEYS;

/** `OPD_API_KEYS` for both services: the key's name is its role. */
export const API_KEYS = Object.entries(KEYS)
  .map(([role, key]) => `${role}:${role}:plain=${key}`)
  .join(',');

export interface ServicePorts {
  readonly grpc: number;
  readonly metrics: number;
}

export interface ServiceDefinition {
  readonly name: 'allocation' | 'reporting';
  /** The instance, e.g. allocation-2 in the cluster run; the service's name when alone. */
  readonly instance?: string;
  readonly entry: string;
  readonly ports: ServicePorts;
  readonly env: Readonly<Record<string, string>>;
}

/** What `/healthz` says: 200, 503 (a dependency is down), or no answer at all. */
export type Health = 'up' | 'down' | 'no answer';

/** One service: started, killed and started again as the faults demand. */
export class Service {
  #process: ManagedProcess | undefined;
  #starting: Promise<void> | undefined;
  #spawnedAt = 0;

  constructor(
    readonly definition: ServiceDefinition,
    private readonly run: RunDir,
    private readonly onUnexpectedExit: (exit: Exit, lastLines: readonly string[]) => void,
  ) {}

  get name(): ServiceDefinition['name'] {
    return this.definition.name;
  }

  /** Which instance: its log file and how evidence names it. */
  get instance(): string {
    return this.definition.instance ?? this.definition.name;
  }

  get pid(): number | undefined {
    return this.#process?.pid;
  }

  get running(): boolean {
    return this.#process?.running ?? false;
  }

  /** When its current process was spawned (0 before the first). */
  get spawnedAt(): number {
    return this.#spawnedAt;
  }

  /**
   * Starts it (with `overrides` on top of its environment) and waits until /healthz is 200.
   * A start already under way is joined, so two callers never start two processes. An exit
   * while starting is the start's failure (thrown), not an unexpected death.
   */
  async start(overrides: Readonly<Record<string, string>> = {}, timeoutMs = 90_000): Promise<void> {
    if (this.#starting) return this.#starting;
    this.#starting = this.#start(overrides, timeoutMs).finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  async #start(overrides: Readonly<Record<string, string>>, timeoutMs: number): Promise<void> {
    this.#spawnedAt = Date.now();
    let starting = true;
    const child = await ManagedProcess.start(
      {
        name: this.instance,
        command: NODE,
        args: ['--conditions=@opd/source', '--import', 'tsx', this.definition.entry],
        cwd: REPO_ROOT,
        env: { ...this.definition.env, ...overrides },
        logFile: path.join(this.run.path, `${this.instance}.log`),
      },
      this.run,
      (exit, lastLines) => {
        if (!starting) this.onUnexpectedExit(exit, lastLines);
      },
    );
    this.#process = child;
    try {
      const healthy = await waitFor(
        async () => {
          if (!child.running) {
            throw new Error(
              `${this.instance} exited while starting:\n${child.lastLines.join('\n')}`,
            );
          }
          return (await this.health()) === 'up';
        },
        timeoutMs,
        100,
      );
      if (!healthy)
        throw new Error(`${this.instance} was not healthy within ${timeoutMs / 1000} s`);
    } catch (error) {
      await child.kill('SIGKILL');
      throw error;
    } finally {
      starting = false;
    }
  }

  /** What its /healthz says right now. */
  async health(): Promise<Health> {
    return fetch(`http://127.0.0.1:${this.definition.ports.metrics}/healthz`, {
      signal: AbortSignal.timeout(2_000),
    }).then(
      (r) => (r.ok ? 'up' : 'down'),
      () => 'no answer',
    );
  }

  /** The sum of a counter on its /metrics (over every label), or undefined without an answer. */
  async counter(name: string): Promise<number | undefined> {
    try {
      const response = await fetch(`http://127.0.0.1:${this.definition.ports.metrics}/metrics`, {
        signal: AbortSignal.timeout(2_000),
      });
      const lines = (await response.text()).split('\n');
      return lines
        .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
        .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    } catch {
      return undefined;
    }
  }

  /** The fault: the signal goes to the process, no drain, no goodbye. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit | undefined> {
    return this.#process?.kill(signal);
  }

  /** Freezes it where it stands (SIGSTOP), or lets it go on (SIGCONT). */
  pause(paused: boolean): void {
    this.#process?.pause(paused);
  }

  /** A graceful stop: SIGTERM, the service drains its calls (SIGKILL after 10 s). */
  async stop(): Promise<Exit | undefined> {
    await this.#starting?.catch(() => undefined);
    return this.#process?.stop();
  }
}
