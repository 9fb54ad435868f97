// The run's guardian: a small process of its own that outlives the orchestrator. When the
// orchestrator is done with the run, or goes away (it threw, was killed, or jest gave up on it),
// the guardian ends every process of the run that is still there and removes the run directory.
// Started by run-dir.ts; talks over IPC: "clean" (clean up now, then exit) or "keep" (the same,
// but the directory stays, with its logs and data).
import { cleanUpRun } from './run-cleanup.js';

const [dir = ''] = process.argv.slice(2);
let keep = false;
let cleaning: Promise<unknown> | undefined;

const cleanUp = () => {
  cleaning ??= cleanUpRun(dir, keep)
    .catch(async (error: unknown) => {
      // Loaded only when needed: the guardian should start fast.
      const { runLogger } = await import('./logger.js');
      runLogger(process.stderr).error(
        { err: error, runDir: dir },
        'the guardian could not clean up',
      );
    })
    .finally(() => process.exit(0));
};

// Detached from the terminal's process group; a Ctrl-C meant for the orchestrator is not for us.
process.on('SIGINT', () => undefined);
process.on('SIGHUP', () => undefined);
process.on('message', (message) => {
  if (message === 'keep') keep = true;
  if (message === 'keep' || message === 'clean') cleanUp();
});
process.on('disconnect', cleanUp);
process.send?.('ready');
