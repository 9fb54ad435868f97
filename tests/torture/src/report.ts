// The run's result: numbers for people (a plain-text table) and for machines (JSON).
import type { CheckResult } from './checks/check.js';
import { KNOWN_BUGS } from './checks/known-service-bugs.js';
import type { FaultRecord } from './faults/fault.js';
import { codeName, loadOutcome, type OperationRecord } from './journal.js';
import { OPERATION_KINDS, type OperationKind } from './operations.js';
import { seconds } from './time.js';

export interface OperationStats {
  readonly kind: OperationKind | 'total';
  readonly operations: number;
  readonly attempts: number;
  readonly ok: number;
  readonly refused: number;
  readonly indefinite: number;
  /** Of the indefinite ones, what the final retry found. */
  readonly resolvedOk: number;
  readonly resolvedRefused: number;
}

export interface FaultSummary extends FaultRecord {
  /** Status codes of the attempts that started while the fault lasted. */
  readonly codesDuring: Readonly<Record<string, number>>;
  /** From the victim being back to the next acknowledged operation. */
  readonly firstOkAfterMs: number | undefined;
}

export interface TortureReport {
  readonly profile: string;
  readonly seed: number;
  readonly zone: string;
  readonly today: string;
  readonly doctorDays: number;
  readonly patients: number;
  readonly workers: number;
  /** Cores, memory and Node of the machine the run ran on. */
  readonly machine: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly loadMs: number;
  readonly runDir: string;
  readonly operations: readonly OperationStats[];
  readonly attemptsByPhase: Readonly<Record<string, number>>;
  readonly codes: Readonly<Record<string, number>>;
  readonly faults: readonly FaultSummary[];
  readonly events: {
    readonly committed: number;
    readonly onStream: number;
    readonly applied: number;
    /** Events each reporting instance applied since its last start (its own counter). */
    readonly appliedByInstance: Readonly<Record<string, number>>;
  };
  readonly samples: { readonly taken: number; readonly missed: number };
  readonly checks: readonly CheckResult[];
  /** Findings that matched a known service bug (checks/known-service-bugs.ts). */
  readonly knownFindings: number;
  /** Known findings were counted as violations too. */
  readonly strict: boolean;
  /** What makes the run fail: every violation (and, when strict, every known finding). */
  readonly violations: number;
}

export function operationStats(records: readonly OperationRecord[]): OperationStats[] {
  const stats = (kind: OperationStats['kind'], of: readonly OperationRecord[]): OperationStats => {
    const outcome = of.map(loadOutcome);
    const finalOf = (r: OperationRecord) => r.attempts.filter((a) => a.phase === 'final').at(-1);
    const indefinite = of.filter((r) => loadOutcome(r) === 'indefinite');
    return {
      kind,
      operations: of.length,
      attempts: of.reduce((n, r) => n + r.attempts.length, 0),
      ok: outcome.filter((o) => o === 'ok').length,
      refused: outcome.filter((o) => o === 'refused').length,
      indefinite: indefinite.length,
      resolvedOk: indefinite.filter((r) => finalOf(r)?.outcome === 'ok').length,
      resolvedRefused: indefinite.filter((r) => finalOf(r)?.outcome === 'refused').length,
    };
  };
  return [
    ...OPERATION_KINDS.map((kind) =>
      stats(
        kind,
        records.filter((r) => r.operation.kind === kind),
      ),
    ),
    stats('total', records),
  ];
}

export function tally<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export function summariseFault(
  fault: FaultRecord,
  records: readonly OperationRecord[],
): FaultSummary {
  const attempts = records.flatMap((r) => r.attempts);
  const during = attempts.filter(
    (a) => a.startedAt >= fault.startedAt && a.startedAt <= fault.endedAt,
  );
  const firstOk = attempts
    .filter((a) => a.outcome === 'ok' && a.endedAt >= fault.endedAt)
    .reduce((min, a) => Math.min(min, a.endedAt), Infinity);
  return {
    ...fault,
    codesDuring: tally(during, (a) => codeName(a.code)),
    firstOkAfterMs: Number.isFinite(firstOk) ? firstOk - fault.endedAt : undefined,
  };
}

const pad = (cells: readonly (string | number)[], widths: readonly number[]) =>
  cells
    .map((c, i) =>
      typeof c === 'number' ? String(c).padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0),
    )
    .join('  ')
    .trimEnd();

const codes = (counts: Readonly<Record<string, number>>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');

/** The summary table, as printed at the end of a run and pasted into docs/reliability.md. */
export function formatReport(report: TortureReport): string {
  const lines: string[] = [];
  lines.push(
    `OPD torture run (${report.profile}), ${report.startedAt}, seed ${report.seed}`,
    `${report.doctorDays} doctor-days (today ${report.today} in ${report.zone} and later days), ` +
      `${report.patients} patients, ${report.workers} concurrent clients, ` +
      `load ${seconds(report.loadMs)}, whole run ${seconds(report.durationMs)}`,
    `machine: ${report.machine}`,
    '',
    'Operations (outcome as the client knew it when the load stopped; unknown = indefinite,',
    'then what the final retry with the same request_id found)',
  );
  const w = [20, 7, 8, 7, 8, 8, 9, 10];
  lines.push(
    pad(['operation', 'sent', 'attempts', 'ok', 'refused', 'unknown', '→ ok', '→ refused'], w),
  );
  for (const s of report.operations) {
    lines.push(
      pad(
        [
          s.kind,
          s.operations,
          s.attempts,
          s.ok,
          s.refused,
          s.indefinite,
          s.resolvedOk,
          s.resolvedRefused,
        ],
        w,
      ),
    );
  }
  lines.push(
    `attempts by reason: ${codes(report.attemptsByPhase)}`,
    `status codes seen: ${codes(report.codes)}`,
    '',
    'Faults',
  );
  for (const f of report.faults) {
    lines.push(
      `${f.happened ? 'ok ' : 'NO '} ${f.kind} at +${seconds(f.startedAt - Date.parse(report.startedAt))}, ` +
        `victim back after ${seconds(f.endedAt - f.startedAt)}, next acknowledged operation ` +
        `${f.firstOkAfterMs === undefined ? 'never' : `${seconds(f.firstOkAfterMs)} later`}`,
      `      ${f.evidence.join('; ')}`,
      `      calls started meanwhile: ${codes(f.codesDuring) || 'none'}`,
    );
  }
  lines.push(
    '',
    `Events: ${report.events.committed} committed, ${report.events.onStream} on the stream, ` +
      `${report.events.applied} applied by reporting` +
      (Object.keys(report.events.appliedByInstance).length > 1
        ? ` (${Object.entries(report.events.appliedByInstance)
            .map(([instance, n]) => `${instance} ${n}`)
            .join(', ')} since their last start)`
        : '') +
      '. ' +
      `Samples: ${report.samples.taken} taken, ${report.samples.missed} missed (database down).`,
    '',
  );
  const cw = [78, 8, 10, 5];
  lines.push(pad(['check', 'examined', 'violations', 'known'], cw));
  for (const c of report.checks)
    lines.push(pad([c.name, c.examined, c.violations.length, c.known.length], cw));
  const known = report.checks.flatMap((c) => c.known);
  if (known.length > 0) {
    lines.push(
      '',
      `Known service bugs seen (${report.strict ? 'counted: --strict' : 'not counted'}):`,
    );
    for (const bug of KNOWN_BUGS) {
      const seen = known.filter((k) => k.bug === bug.id);
      if (seen.length === 0) continue;
      lines.push(`- ${bug.id} × ${seen.length}: ${bug.summary}`);
      seen.slice(0, 3).forEach((k) => lines.push(`    e.g. ${k.detail}`));
    }
  }
  lines.push('', `RESULT: ${report.violations} violations`);
  for (const c of report.checks.filter((x) => x.violations.length > 0)) {
    lines.push(`- ${c.name}:`);
    c.violations.slice(0, 10).forEach((v) => lines.push(`    ${v}`));
    if (c.violations.length > 10) lines.push(`    … and ${c.violations.length - 10} more`);
  }
  return lines.join('\n');
}
