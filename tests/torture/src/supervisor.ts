// What an operator's process supervisor would do: a process of the run that dies when the run did
// not kill it is recorded as an incident and started again, so the run (and its checks) can go
// on. The incidents are findings; the restarts only keep the run going.
import type { Exit } from './child-process.js';
import type { Logger } from './logger.js';
import { sleep } from './time.js';

export interface Incident {
  readonly process: string;
  readonly at: number;
  readonly exit: string;
  /** The last lines it printed: its dying words. */
  readonly lastLines: readonly string[];
}

export class Supervisor {
  readonly incidents: Incident[] = [];
  readonly #revivals = new Set<Promise<void>>();
  #stopping = false;

  constructor(private readonly log: Logger) {}

  /** The exit handler for the process `name`, which `restart` starts again. */
  watch(
    name: string,
    restart: () => Promise<void>,
  ): (exit: Exit, lastLines: readonly string[]) => void {
    return (exit, lastLines) => {
      if (this.#stopping) return;
      const how = exit.signal ?? `code ${exit.code}`;
      this.incidents.push({ process: name, at: Date.now(), exit: how, lastLines });
      this.log.warn({ process: name, exit: how }, 'a process exited on its own; starting it again');
      const revival = this.#revive(name, restart).finally(() => this.#revivals.delete(revival));
      this.#revivals.add(revival);
    };
  }

  /** Resolves once every restart under way has finished (or given up). */
  async idle(): Promise<void> {
    while (this.#revivals.size > 0) await Promise.all([...this.#revivals]);
  }

  /** The run is ending: exits from now on are its own doing. */
  stop(): void {
    this.#stopping = true;
  }

  async #revive(name: string, restart: () => Promise<void>): Promise<void> {
    // A supervisor's pause; the database or the broker may still be down, so keep trying.
    for (let attempt = 1; !this.#stopping && attempt <= 60; attempt++) {
      await sleep(1_000);
      try {
        await restart();
        this.log.info({ process: name, attempt }, 'started again after its exit');
        return;
      } catch (error) {
        this.log.debug({ process: name, attempt, err: String(error) }, 'not started yet');
      }
    }
  }
}
