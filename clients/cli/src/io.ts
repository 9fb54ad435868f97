import type { Writable } from 'node:stream';

/** Where the CLI writes: the terminal in production, a buffer in tests. */
export interface Output {
  /** One or more lines of results (stdout). */
  out(text: string): void;
  /** Errors and progress that must not mix with results (stderr). */
  err(text: string): void;
}

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

export const terminalOutput: Output = {
  out: (text) => void process.stdout.write(line(text)),
  err: (text) => void process.stderr.write(line(text)),
};

/** What every command gets besides its arguments. */
export interface CliContext {
  readonly output: Output;
  /** Raw standard output, for streams of data (`export --out -`). */
  readonly stdout: Writable;
  /** The directory relative paths are read from and written to. */
  readonly cwd: string;
  /** Aborted when the user presses Ctrl-C: long-running commands stop cleanly. */
  readonly signal: AbortSignal;
}
