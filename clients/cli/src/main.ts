// `opd …`: the operator CLI. Wiring only: the terminal, Ctrl-C, and the exit code.
import { terminalOutput } from './io.js';
import { runCli } from './program.js';

const stop = new AbortController();
// The first Ctrl-C stops long-running commands (events tail, board --watch, simulate)
// cleanly; a second one leaves at once.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  output: terminalOutput,
  stdout: process.stdout,
  // `npm run opd -- …` runs in the repo root; INIT_CWD is where the operator typed it.
  cwd: process.env['INIT_CWD'] ?? process.cwd(),
  signal: stop.signal,
});
