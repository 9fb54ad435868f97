// One child process of the run (a service, nats-server): its output appended to a log file,
// its exit observed, and every exit that the run did not cause reported as such.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { killServerTree } from '@opd/service-runtime/testing';
import { RUN_MARKER, type RunDir } from './run-dir.js';

export interface ProcessSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Appended to; shared by every incarnation of the same service. */
  readonly logFile: string;
  /** Run as this user (PostgreSQL, which refuses to run as root). */
  readonly user?: { readonly uid: number; readonly gid: number };
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

const TAIL_CHARS = 64 * 1024;

export class ManagedProcess {
  readonly #child: ChildProcess;
  readonly #log: WriteStream;
  readonly exited: Promise<Exit>;
  #ended = false;
  #intended = false;
  /** The end of what it printed: enough for a stack trace and the log lines around it. */
  #tail = '';

  private constructor(
    readonly spec: ProcessSpec,
    onUnexpectedExit: (exit: Exit, lastLines: readonly string[]) => void,
  ) {
    const inherited: Record<string, string | undefined> = { ...process.env };
    // jest's --experimental-vm-modules is for the test runner, not for the children.
    delete inherited['NODE_OPTIONS'];
    this.#log = createWriteStream(spec.logFile, { flags: 'a' });
    this.#log.on('error', () => undefined);
    this.#log.write(`--- ${new Date().toISOString()} ${spec.name} starts\n`);
    this.#child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: { ...inherited, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(spec.user ?? {}),
      // Its own process group: a Ctrl-C meant for the orchestrator does not reach it (the
      // guardian ends it when the run ends).
      detached: true,
    });
    const keep = (chunk: Buffer) => {
      this.#log.write(chunk);
      this.#tail = (this.#tail + chunk.toString()).slice(-TAIL_CHARS);
    };
    this.#child.stdout?.on('data', keep);
    this.#child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      const end = (exit: Exit) => {
        if (this.#ended) return;
        this.#ended = true;
        this.#log.end(
          `--- ${new Date().toISOString()} ${spec.name} exited (${exit.signal ?? exit.code})\n`,
        );
        if (!this.#intended) onUnexpectedExit(exit, this.lastLines);
        resolve(exit);
      };
      // 'close', not 'exit': its last words (a stack trace) may still be in the pipes at exit.
      this.#child.once('close', (code, signal) => end({ code, signal }));
      // It could not be started at all (e.g. nats-server is not installed).
      this.#child.once('error', (error) => {
        this.#tail += `\ncould not run ${spec.command}: ${error.message}\n`;
        end({ code: null, signal: null });
      });
    });
  }

  /** Starts the process, marked as this run's and remembered in the run's pid list. */
  static async start(
    spec: ProcessSpec,
    run: RunDir,
    onUnexpectedExit: (exit: Exit, lastLines: readonly string[]) => void,
  ): Promise<ManagedProcess> {
    const child = new ManagedProcess(
      { ...spec, env: { ...spec.env, [RUN_MARKER]: run.path } },
      onUnexpectedExit,
    );
    await run.track(child.pid);
    return child;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return !this.#ended;
  }

  /** The last lines it printed, for error messages. */
  get lastLines(): readonly string[] {
    const lines = this.#tail.split('\n');
    // Once the tail is cut, its first line is the end of some longer line: not a line.
    if (this.#tail.length >= TAIL_CHARS) lines.shift();
    return lines.filter(Boolean).slice(-60);
  }

  /** Sends `signal` as an intended act of the run (a fault, or the end), and waits for the exit. */
  async kill(signal: NodeJS.Signals): Promise<Exit> {
    this.#intended = true;
    if (this.running) this.#child.kill(signal);
    return this.exited;
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) it: no exit, so nothing to mark as intended. */
  pause(paused: boolean): void {
    if (this.running) this.#child.kill(paused ? 'SIGSTOP' : 'SIGCONT');
  }

  /**
   * kill -9 of the process and its children at once, as when its machine dies (a PostgreSQL
   * server: each backend is a session of its own, so the process group would not do).
   */
  async crash(): Promise<Exit> {
    this.#intended = true;
    const pid = this.#child.pid;
    if (this.running && pid !== undefined) killServerTree(pid);
    return this.exited;
  }

  /** `signal` (SIGTERM unless told), then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
    this.#intended = true;
    if (!this.running) return this.exited;
    this.#child.kill(signal);
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }
}
