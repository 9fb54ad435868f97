import { Writable } from 'node:stream';
import { runCli } from '../../src/program.js';

export interface CliRun {
  readonly code: number;
  /** Everything written to standard output. */
  readonly out: string;
  /** Everything written to standard error. */
  readonly err: string;
}

/** Runs one `opd …` command line in-process and captures what it prints. */
export async function opd(
  args: readonly string[],
  options: {
    cwd?: string;
    signal?: AbortSignal;
    /** Told everything printed so far, each time more is (for commands that keep running). */
    onOutput?: (out: string) => void;
  } = {},
): Promise<CliRun> {
  let out = '';
  let err = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString();
      options.onOutput?.(out);
      done();
    },
  });
  const code = await runCli(args, {
    output: {
      out: (text) => {
        out += `${text}\n`;
        options.onOutput?.(out);
      },
      err: (text) => void (err += `${text}\n`),
    },
    stdout,
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal ?? new AbortController().signal,
  });
  return { code, out, err };
}
