// Everything the run checks at the end, read from the databases, the stream and the reporting
// API once the world has settled, and folded into the report.
import { addDays } from './hospital-time.js';
import { readAllocation } from './allocation-snapshot.js';
import type { CheckResult } from './checks/check.js';
import { checkAppliedOrder } from './checks/applied-order.js';
import { checkCapacity } from './checks/capacity.js';
import { checkEngineInvariants } from './checks/engine-invariants.js';
import { checkEventReplay } from './checks/event-replay.js';
import { checkEventStream } from './checks/event-stream.js';
import { checkFinalRetries, type IndefiniteFindings } from './checks/indefinite.js';
import { checkReadModel } from './checks/read-model.js';
import { checkRequests } from './checks/requests.js';
import { checkRunHealth, type GracefulStop } from './checks/run-health.js';
import { checkSamples } from './checks/sampled.js';
import { checkServiceBehaviour } from './checks/service-behaviour.js';
import type { ReportingClient } from './clients.js';
import type { FaultRecord } from './faults/fault.js';
import type { Hospital } from './hospital-setup.js';
import { codeName, type Journal } from './journal.js';
import { operationStats, summariseFault, tally, type TortureReport } from './report.js';
import { readReporting } from './reporting-snapshot.js';
import type { Sampler } from './sampler.js';
import { readInternalFailures } from './service-log.js';
import type { Settled } from './settle.js';
import type { Incident } from './supervisor.js';
import { ALLOCATION_DB, REPORTING_DB, type Stack } from './stack.js';
import { readStream } from './stream-reader.js';
import type { DailySummary } from '@opd/api';

export interface FinalCheckInput {
  readonly stack: Stack;
  readonly hospital: Hospital;
  readonly journal: Journal;
  readonly sampler: Sampler;
  readonly indefinite: IndefiniteFindings;
  readonly faults: readonly FaultRecord[];
  readonly settled: Settled;
  /** How the graceful stop of each allocation instance before the final retries ended. */
  readonly gracefulStops: readonly GracefulStop[];
  readonly incidents: readonly Incident[];
  /** Count findings of known service bugs as violations too. */
  readonly strict: boolean;
  readonly header: Omit<
    TortureReport,
    | 'durationMs'
    | 'operations'
    | 'attemptsByPhase'
    | 'codes'
    | 'faults'
    | 'events'
    | 'samples'
    | 'checks'
    | 'violations'
    | 'knownFindings'
    | 'strict'
  >;
}

async function allSummaries(client: ReportingClient, hospital: Hospital): Promise<DailySummary[]> {
  const dates = hospital.days.map((d) => d.date).sort();
  const summaries: DailySummary[] = [];
  let pageToken = '';
  do {
    const page = await client.listDailySummaries(
      {
        startDate: dates[0] ?? hospital.today,
        endDate: dates.at(-1) ?? addDays(hospital.today, 1),
        doctorId: '',
        pageSize: 500,
        pageToken,
      },
      { timeoutMs: 30_000 },
    );
    summaries.push(...page.dailySummaries);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return summaries;
}

/** Every process the run watched: PostgreSQL, NATS and the services' instances. */
function processCount(stack: Stack): number {
  const services = stack.allocations.length + stack.reportings.length;
  return stack.kind === 'single' ? 2 + services : 2 + stack.nats.nodes.length + services;
}

export async function runFinalChecks(input: FinalCheckInput): Promise<TortureReport> {
  const { stack, hospital, journal, sampler } = input;
  const state = await readAllocation(stack.databaseUrl(ALLOCATION_DB));
  const reporting = await readReporting(stack.databaseUrl(REPORTING_DB));
  const stream = await readStream(stack.natsServers);
  const summaries = await allSummaries(stack.clients.reporting, hospital);
  const instances = [...stack.allocations, ...stack.reportings].map((s) => s.instance);
  const internalFailures = await readInternalFailures(stack.run.path, instances);
  const appliedByInstance: Record<string, number> = {};
  for (const reporting of stack.reportings) {
    appliedByInstance[reporting.instance] =
      (await reporting.counter('opd_reporting_events_applied_total')) ?? 0;
  }
  const records = journal.records;
  const checks: CheckResult[] = [
    checkSamples(sampler),
    ...checkCapacity(state),
    checkEngineInvariants(state),
    ...checkRequests(
      records,
      state,
      hospital.days.map((d) => d.doctorDayId),
    ),
    input.indefinite.result,
    checkFinalRetries(records, input.indefinite.presence),
    ...checkEventStream(state, stream),
    checkEventReplay(state),
    ...checkReadModel(state, reporting, summaries),
    checkAppliedOrder(reporting),
    ...checkServiceBehaviour(input.faults, records, internalFailures),
    ...checkRunHealth(
      input.faults,
      input.incidents,
      input.settled,
      input.gracefulStops,
      processCount(stack),
    ),
  ];
  const attempts = records.flatMap((r) => r.attempts);
  const violations = checks.reduce((n, c) => n + c.violations.length, 0);
  const knownFindings = checks.reduce((n, c) => n + c.known.length, 0);
  return {
    ...input.header,
    durationMs: Date.now() - Date.parse(input.header.startedAt),
    operations: operationStats(records),
    attemptsByPhase: tally(attempts, (a) => a.phase),
    codes: tally(attempts, (a) => codeName(a.code)),
    faults: input.faults.map((f) => summariseFault(f, records)),
    events: {
      committed: state.outbox.length,
      onStream: stream.length,
      applied: reporting.appliedEventIds.length,
      appliedByInstance,
    },
    samples: { taken: sampler.samples.length, missed: sampler.missed },
    checks,
    knownFindings,
    strict: input.strict,
    violations: violations + (input.strict ? knownFindings : 0),
  };
}
