// The CLI as an operator runs it: its own process (`npx opd`), so exit codes, unsettled awaits
// and everything printed are as they are in a terminal.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CliRun } from './run-cli.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const BIN = path.join(ROOT, 'clients', 'cli', 'bin', 'opd.js');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');

/** Runs `opd …` as a child process in `cwd` and captures what it prints and its exit code. */
export async function opdProcess(args: readonly string[], cwd: string = ROOT): Promise<CliRun> {
  const env = { ...process.env };
  // jest's flag is for the test runner, not for the CLI.
  delete env['NODE_OPTIONS'];
  delete env['OPD_API_KEY'];
  try {
    const { stdout, stderr } = await promisify(execFile)(NODE, [BIN, ...args], { cwd, env });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, out: failed.stdout ?? '', err: failed.stderr ?? '' };
  }
}
