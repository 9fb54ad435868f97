import { describe, expect, it } from '@jest/globals';
import { checkCapacity } from '../src/checks/capacity.js';
import { checkEngineInvariants } from '../src/checks/engine-invariants.js';
import { checkEventReplay } from '../src/checks/event-replay.js';
import { checkEventStream } from '../src/checks/event-stream.js';
import { checkReadModel } from '../src/checks/read-model.js';
import type { ReportingSnapshot } from '../src/reporting-snapshot.js';
import {
  allocated,
  completed,
  entry,
  opened,
  outboxRow,
  published,
  slot,
  snapshot,
  token,
} from './support/fixtures.js';
import { DAY as DAY_ID, SLOT as SLOT_ID } from './support/fixtures.js';

const violations = (results: readonly { violations: readonly string[] }[]) =>
  results.flatMap((r) => r.violations);

/** A sound day: one slot of two, two tokens, three events, all published once. */
function soundDay() {
  const tokens = [token('t1', 1), token('t2', 2)];
  const outbox = [
    outboxRow(1, opened(2)),
    outboxRow(2, allocated(tokens[0] ?? token('t1', 1))),
    outboxRow(3, allocated(tokens[1] ?? token('t2', 2))),
  ];
  return { state: snapshot({ slots: [slot(2)], tokens, outbox }), outbox };
}

describe('the checks of the torture run', () => {
  it('find nothing wrong with a sound day', () => {
    const { state, outbox } = soundDay();
    expect(
      violations([
        ...checkCapacity(state),
        checkEngineInvariants(state),
        ...checkEventStream(state, published(outbox)),
        checkEventReplay(state),
      ]),
    ).toEqual([]);
  });

  it('see a slot holding more tokens than its capacity', () => {
    const tokens = [token('t1', 1), token('t2', 2)];
    const state = snapshot({ slots: [slot(1)], tokens, outbox: [] });
    expect(violations(checkCapacity(state)).join()).toMatch(
      /capacity 1, stored occupancy 2, 2 held/,
    );
    expect(checkEngineInvariants(state).violations.join()).toMatch(/holds 2 tokens for capacity 1/);
  });

  it('see a repeated token number and a gap in the numbering', () => {
    const state = snapshot({
      slots: [slot(3)],
      tokens: [token('t1', 1), token('t2', 1)],
      outbox: [],
    });
    expect(violations(checkCapacity(state)).join()).toMatch(/token numbers 1,1, next 3/);
  });

  it('see an event published twice, one never published, and one nobody committed', () => {
    const { state, outbox } = soundDay();
    const [first, second] = published(outbox);
    if (!first || !second) throw new Error('the sound day has events');
    const stranger = { ...first, messageId: 'event-x', streamSequence: 9 };
    const stream = [first, first, second, stranger];
    const found = violations(checkEventStream(state, stream)).join('\n');
    expect(found).toMatch(/event-1 .* is on the stream 2 times/);
    expect(found).toMatch(/event-3 .* is on the stream 0 times/);
    expect(found).toMatch(/stream message 9 \(event-x\) was never committed/);
    expect(found).toMatch(/stream sequences in stream order/);
  });

  it('see a change without its event, and a token whose events disagree with its row', () => {
    const { state } = soundDay();
    const withoutEvent = { ...state, outbox: state.outbox.slice(0, 2) };
    expect(checkEventReplay(withoutEvent).violations.join()).toMatch(
      /token t2 \(#2\) has no event that created it/,
    );
    const cancelledSilently = {
      ...state,
      tokens: [token('t1', 1), token('t2', 2, 'CANCELLED')],
    };
    expect(checkEventReplay(cancelledSilently).violations.join()).toMatch(
      /token t2: events say ALLOCATED #2 .* the table CANCELLED #2/,
    );
  });

  it('see a stream out of order, a message on the wrong subject and one that differs', () => {
    const { state, outbox } = soundDay();
    const [first, second, third] = published(outbox);
    if (!first || !second || !third) throw new Error('the sound day has three events');
    const found = violations(
      checkEventStream(state, [
        first,
        { ...third, subject: 'opd.v1.events.somewhere_else' },
        { ...second, data: third.data },
        { ...second, streamSequence: 4, messageId: 'event-y', data: new Uint8Array([255]) },
      ]),
    ).join('\n');
    expect(found).toMatch(/event-3: published on opd\.v1\.events\.somewhere_else/);
    expect(found).toMatch(/event-2: the message differs from the outbox payload/);
    expect(found).toMatch(/stream sequences in stream order .* breaks at 3,3/);
    expect(found).toMatch(/stream message 4 is not an event envelope/);
  });

  it('see an illegal transition in the events and a token number reused in the table', () => {
    const t1 = token('t1', 1);
    const state = snapshot({
      slots: [slot(2)],
      tokens: [{ ...t1, status: 'COMPLETED' }],
      // ALLOCATED → COMPLETED skips the check-in.
      outbox: [outboxRow(1, opened(2)), outboxRow(2, allocated(t1)), outboxRow(3, completed(t1))],
    });
    expect(checkEventReplay(state).violations.join()).toMatch(
      /token t1 goes ALLOCATED → COMPLETED/,
    );
  });

  it('see a patient waiting while a slot has room, and one patient in two places', () => {
    const state = snapshot({
      slots: [slot(2)],
      tokens: [token('t1', 1)],
      entries: [entry('e1', 1, 'patient-1')],
      outbox: [],
    });
    expect(checkEngineInvariants(state).violations.join()).toMatch(
      /a patient waits while a live slot has room/,
    );
    expect(violations(checkCapacity(state)).join()).toMatch(/patient patient-1 holds 2 places/);
  });

  it('see a read model that lost a token, got a status wrong, parked an event or miscounts', () => {
    const { state } = soundDay();
    const e1 = entry('e1', 1, 'patient-9', 'CANCELLED');
    const withEntry = { ...state, entries: [e1] };
    const record = (id: string, n: number, status: string) => ({
      token_id: id,
      doctor_day_id: DAY_ID,
      token_number: n,
      patient_id: `patient-${n}`,
      slot_id: SLOT_ID,
      source: 'WALK_IN',
      priority: 2,
      status,
      preempted: false,
      promoted: false,
    });
    const reporting: ReportingSnapshot = {
      days: [
        {
          doctor_day_id: DAY_ID,
          doctor_id: 'doctor',
          date: '2026-11-30',
          slot_count: 1,
          capacity: 2,
          waitlist_added_count: 0,
          waitlist_promoted_count: 0,
          waitlist_cancelled_count: 0,
          waitlist_expired_count: 0,
        },
      ],
      tokens: [record('t1', 1, 'CHECKED_IN')],
      positions: [{ doctor_day_id: DAY_ID, applied_sequence: 3, applied_count: 3 }],
      appliedEventIds: ['event-1', 'event-2', 'event-3'],
      applied: [],
      parked: [{ event_id: 'event-4', reason: 'GAP', error: 'waited too long' }],
    };
    const found = violations(checkReadModel(withEntry, reporting, [])).join('\n');
    expect(found).toMatch(/token t1: status CHECKED_IN vs ALLOCATED/);
    expect(found).toMatch(/token t2 \(#2\) is missing from the read model/);
    expect(found).toMatch(/waitlist_added_count, waitlist_cancelled_count differ/);
    expect(found).toMatch(/parked event event-4: GAP/);
    expect(found).toMatch(/doctor-day .* has no summary/);
  });
});
