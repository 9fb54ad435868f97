// The checks of how the run and the services behaved, and the narrow excuses for known service
// bugs: a finding matches a known bug only exactly, and anything else stays a violation.
import { describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { Source } from '@opd/api';
import type { CheckResult } from '../src/checks/check.js';
import { checkRunHealth } from '../src/checks/run-health.js';
import { checkSamples } from '../src/checks/sampled.js';
import { checkServiceBehaviour } from '../src/checks/service-behaviour.js';
import type { Exit } from '../src/child-process.js';
import type { FaultKind, FaultRecord } from '../src/faults/fault.js';
import type { OperationRecord } from '../src/journal.js';
import { Sampler } from '../src/sampler.js';
import type { InternalFailure } from '../src/service-log.js';
import type { Settled } from '../src/settle.js';
import type { Incident } from '../src/supervisor.js';

const T0 = Date.parse('2026-11-30T05:00:00Z');

const fault = (kind: FaultKind, startsAfterS: number, unmet: string[] = []): FaultRecord => ({
  kind,
  startedAt: T0 + startsAfterS * 1_000,
  endedAt: T0 + (startsAfterS + 5) * 1_000,
  evidence: ['it happened'],
  happened: true,
  unmet,
  measures: {},
});

const stopped = (exit: Exit, instance = 'allocation') => ({ instance, exit });

/** The four faults, 30 s apart: PostgreSQL is restarted from +90 s to +95 s. */
const FAULTS = [
  fault('kill -9 allocation', 0),
  fault('NATS outage', 30, ['reporting /healthz reported the broker down (it said: up)']),
  fault('kill -9 reporting', 60),
  fault('PostgreSQL restart', 90),
];

const internal = (cause: string, atS: number, method = 'RequestToken'): InternalFailure => ({
  service: 'allocation',
  method,
  at: T0 + atS * 1_000,
  cause,
});

function failedCall(code: number): OperationRecord {
  return {
    seq: 0,
    requestId: 'request-1',
    caller: 'counter',
    operation: {
      kind: 'RequestToken',
      day: 0,
      request: {
        requestId: 'request-1',
        patientId: '',
        patientPhone: '+919812345678',
        patientName: 'Patient 1',
        doctorId: 'doctor',
        date: '2026-11-30',
        source: Source.SOURCE_WALK_IN,
        preferredSlotId: '',
        notes: '',
      },
    },
    attempts: [
      {
        phase: 'load',
        startedAt: T0,
        endedAt: T0 + 1,
        deadlineMs: 2_000,
        outcome: 'indefinite',
        code,
      },
    ],
  };
}

const CRASH = [
  'node:events:505',
  "    throw er; // Unhandled 'error' event",
  'error: terminating connection due to administrator command',
  "Emitted 'error' event on Client instance at:",
  'Node.js v24.21.0',
];

const crash = (process: string, atS: number, lastLines = CRASH): Incident => ({
  process,
  at: T0 + atS * 1_000,
  exit: 'code 1',
  lastLines,
});

const SETTLED: Settled = { outboxDrainedMs: 10, reportingCaughtUpMs: 20, lagging: [] };
const CLEAN_STOP = { code: 0, signal: null };

const byName = (results: readonly CheckResult[], start: string): CheckResult => {
  const found = results.find((r) => r.name.startsWith(start));
  if (!found) throw new Error(`no check named ${start}…`);
  return found;
};

describe('the run and service behaviour checks', () => {
  it('count every INTERNAL a service logged, with what was happening and its cause', () => {
    const results = checkServiceBehaviour(
      FAULTS,
      [],
      [
        internal('the database system is shutting down', 91),
        internal('Cannot read properties of undefined', 32),
        internal('patient upsert returned nothing', 10),
      ],
    );
    const clear = byName(results, 'no call fails with INTERNAL');
    expect(clear.known).toEqual([]);
    expect(clear.violations).toEqual([
      'allocation RequestToken during PostgreSQL restart: the database system is shutting down',
      'allocation RequestToken during NATS outage: Cannot read properties of undefined',
      'allocation RequestToken during no fault: patient upsert returned nothing',
    ]);
  });

  it('count an INTERNAL the client saw and no service log explains', () => {
    const results = checkServiceBehaviour(FAULTS, [failedCall(status.INTERNAL)], []);
    expect(byName(results, 'no call fails with INTERNAL').violations).toEqual([
      '1 × INTERNAL on RequestToken that no service log explains',
    ]);
  });

  it('see a service that did not report an outage on /healthz', () => {
    const behaved = byName(checkServiceBehaviour(FAULTS, [], []), 'services report each outage');
    expect(behaved.violations).toEqual([
      'NATS outage: reporting /healthz reported the broker down (it said: up)',
    ]);
    expect(behaved.known).toEqual([]);
  });

  it('see every death the run did not cause, with its last words', () => {
    const incidents = [
      crash('allocation', 92),
      crash('reporting', 20, ['{"level":30,"msg":"stopping: draining calls"}']),
    ];
    const alive = byName(
      checkRunHealth(FAULTS, incidents, SETTLED, [stopped(CLEAN_STOP)]),
      'no process died',
    );
    expect(alive.known).toEqual([]);
    expect(alive.violations).toHaveLength(2);
    expect(alive.violations[0]).toMatch(
      /allocation exited on its own \(code 1\) .*error: terminating connection due to administrator command/,
    );
    expect(alive.violations[1]).toMatch(/reporting exited .*: stopping: draining calls$/);
  });

  it('count a graceful stop that hung or failed, whatever the run did before', () => {
    const killed = { code: null, signal: 'SIGKILL' as const };
    const hung = byName(
      checkRunHealth(FAULTS, [], SETTLED, [stopped(CLEAN_STOP), stopped(killed, 'allocation-2')]),
      'after the faults, a graceful',
    );
    expect(hung.known).toEqual([]);
    expect(hung.violations).toEqual([
      'allocation-2 ended with SIGKILL (it had not exited 10 s after SIGTERM)',
    ]);
    const failed = byName(
      checkRunHealth(FAULTS, [], SETTLED, [stopped({ code: 1, signal: null })]),
      'after the faults, a graceful',
    );
    expect(failed.violations).toEqual(['allocation ended with code 1']);
  });

  it('see a fault that did not happen and an end that never settled', () => {
    const missed: FaultRecord = {
      ...fault('kill -9 reporting', 60),
      happened: false,
      evidence: ['NOT: 0 events delivered to it and left unacknowledged by its death'],
    };
    const results = checkRunHealth(
      [missed],
      [],
      {
        outboxDrainedMs: undefined,
        reportingCaughtUpMs: undefined,
        lagging: ['3 outbox rows unpublished'],
      },
      [stopped(CLEAN_STOP)],
    );
    expect(byName(results, 'every fault was injected').violations.join()).toMatch(
      /kill -9 reporting: NOT: 0 events delivered/,
    );
    expect(byName(results, 'after the faults, the outbox').violations.join()).toMatch(
      /3 outbox rows unpublished/,
    );
  });

  it('see a sample over capacity, and a sampler that never got to look', () => {
    const sampler = new Sampler('postgres://unused', 1_000);
    expect(checkSamples(sampler).violations).toEqual(['no sample could be taken']);
    sampler.samples.push(
      { at: T0, storedOverCapacity: 0, heldOverCapacity: 0, occupancyDrift: 0, doubleBooked: 0 },
      {
        at: T0 + 1,
        storedOverCapacity: 0,
        heldOverCapacity: 1,
        occupancyDrift: 1,
        doubleBooked: 0,
      },
    );
    const found = checkSamples(sampler);
    expect(found.examined).toBe(2);
    expect(found.violations.join()).toMatch(
      /1 holding more tokens than capacity, 1 with occupancy/,
    );
  });
});
