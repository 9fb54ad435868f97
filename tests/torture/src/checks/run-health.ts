// The run itself: every fault happened, no process died that the run did not kill, and the end
// settled (outbox drained, reporting caught up) in time.
import type { Exit } from '../child-process.js';
import type { FaultRecord } from '../faults/fault.js';
import type { Settled } from '../settle.js';
import type { Incident } from '../supervisor.js';
import { Check, type CheckResult } from './check.js';

/** How the graceful stop of one allocation instance after the faults ended. */
export interface GracefulStop {
  readonly instance: string;
  readonly exit: Exit | undefined;
}

export function checkRunHealth(
  faults: readonly FaultRecord[],
  incidents: readonly Incident[],
  settled: Settled,
  gracefulStops: readonly GracefulStop[],
  processes = 4,
): CheckResult[] {
  const injected = new Check('every fault was injected and its victim came back');
  for (const fault of faults) {
    injected.look(
      !fault.happened &&
        `${fault.kind}: ${fault.evidence.filter((e) => e.startsWith('NOT:')).join('; ')}`,
    );
  }
  const alive = new Check('no process died unless the run killed it');
  for (const incident of incidents) {
    alive.fail(
      `${incident.process} exited on its own (${incident.exit}) at ${new Date(incident.at).toISOString()}: ${dyingWords(incident)}`,
    );
  }
  // What it watched: every process of the run, the whole time.
  alive.examined = processes;
  const settledCheck = new Check('after the faults, the outbox drained and reporting caught up');
  settledCheck.look(
    (settled.outboxDrainedMs === undefined || settled.reportingCaughtUpMs === undefined) &&
      `still behind when time ran out: ${settled.lagging.slice(0, 5).join('; ')}`,
  );
  const graceful = new Check('after the faults, a graceful stop (SIGTERM) ends allocation cleanly');
  for (const { instance, exit } of gracefulStops) {
    graceful.look();
    if (exit?.code !== 0 || exit.signal !== null) {
      const killed = exit?.signal === 'SIGKILL';
      graceful.fail(
        `${instance} ended with ${exit?.signal ?? `code ${exit?.code}`}${killed ? ' (it had not exited 10 s after SIGTERM)' : ''}`,
      );
    }
  }
  return [injected.result(), alive.result(), graceful.result(), settledCheck.result()];
}

/**
 * What a process said last, without stack frames: its own log lines by their message (and
 * error), anything else (a crash's report) as printed.
 */
function dyingWords(incident: Incident): string {
  const words = incident.lastLines.flatMap((line): string[] => {
    // Not a stack frame, nor a field of a printed error object, nor a caret.
    if (!line.startsWith('{')) return /^[A-Za-z]/.test(line) ? [line] : [];
    try {
      const { msg, err } = JSON.parse(line) as { msg?: unknown; err?: { message?: unknown } };
      const cause = typeof err?.message === 'string' ? `: ${err.message}` : '';
      return typeof msg === 'string' ? [`${msg}${cause}`] : [];
    } catch {
      return [];
    }
  });
  return words.slice(-5).join(' | ').slice(0, 500);
}
