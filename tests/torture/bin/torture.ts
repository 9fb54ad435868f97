// npm run torture [-- --short] [--cluster] [--seed N] [--keep] [--strict] [--report file.json] [--quiet]
// Runs the fault-injection run: progress as JSON lines on stderr, the summary table on stdout.
// Exits 0 with no violation, 1 with violations, 2 when the run could not complete.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runLogger } from '../src/logger.js';
import { runTorture } from '../src/orchestrator.js';
import { profileFor } from '../src/profile.js';
import { formatReport } from '../src/report.js';

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    cluster: { type: 'boolean', default: false },
    seed: { type: 'string' },
    keep: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    report: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const log = runLogger(process.stderr, values.quiet ? 'warn' : 'info');

// The run's processes are in process groups of their own; its guardian ends them when we go.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.warn({ signal }, 'interrupted: the guardian ends the run and removes its directory');
    process.exit(130);
  });
}

try {
  const report = await runTorture({
    profile: profileFor(values.short ? 'short' : 'full', values.cluster ? 'cluster' : 'single'),
    ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
    keep: values.keep,
    strict: values.strict,
    log,
  });
  console.log(`\n${formatReport(report)}`);
  if (values.report) await writeFile(values.report, `${JSON.stringify(report, null, 2)}\n`);
  process.exit(report.violations === 0 ? 0 : 1);
} catch (error) {
  log.fatal({ err: error }, 'the torture run could not complete');
  process.exit(2);
}
