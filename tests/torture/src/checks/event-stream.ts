// The outbox against the stream, with nothing de-duplicated: every committed event is on the
// stream exactly once, byte for byte, and each doctor-day's events are numbered 1..n with no gap
// or repeat, in stream order.
import { EventEnvelope } from '@opd/api';
import type { AllocationSnapshot } from '../allocation-snapshot.js';
import type { StreamMessage } from '../stream-reader.js';
import { Check, countBy, groupBy, type CheckResult } from './check.js';

const SUBJECT_PREFIX = 'opd.v1.events';

export function checkEventStream(
  state: AllocationSnapshot,
  stream: readonly StreamMessage[],
): CheckResult[] {
  const once = new Check('every committed event is on the stream exactly once, as committed');
  const copies = countBy(stream, (m) => m.messageId);
  const byId = new Map(stream.map((m) => [m.messageId, m]));
  for (const row of state.outbox) {
    const message = byId.get(row.id);
    const count = copies.get(row.id) ?? 0;
    once.look(
      (count !== 1 &&
        `event ${row.id} (${row.event_type}, day ${row.doctor_day_id} #${row.sequence}) is on the stream ${count} times`) ||
        (!row.published && `event ${row.id} is on the stream but its outbox row is unpublished`) ||
        (message !== undefined &&
          Buffer.compare(Buffer.from(message.data), row.payload) !== 0 &&
          `event ${row.id}: the message differs from the outbox payload`) ||
        (message !== undefined &&
          message.subject !== `${SUBJECT_PREFIX}.${row.event_type}` &&
          `event ${row.id}: published on ${message.subject}`),
    );
  }
  const committed = new Set(state.outbox.map((o) => o.id));
  for (const message of stream) {
    if (!committed.has(message.messageId))
      once.fail(
        `stream message ${message.streamSequence} (${message.messageId}) was never committed`,
      );
  }

  const sequences = new Check('per doctor-day sequences are 1..n with no gap or repeat, in order');
  const outboxByDay = groupBy(state.outbox, (o) => o.doctor_day_id);
  const envelopes: EventEnvelope[] = [];
  for (const message of stream) {
    try {
      envelopes.push(EventEnvelope.decode(message.data));
    } catch {
      sequences.fail(`stream message ${message.streamSequence} is not an event envelope`);
    }
  }
  const streamByDay = groupBy(envelopes, (e) => e.doctorDayId);
  for (const day of state.days) {
    const outbox = (outboxByDay.get(day.id) ?? []).map((o) => o.sequence).sort((a, b) => a - b);
    const published = (streamByDay.get(day.id) ?? []).map((e) => e.sequence);
    const expected = Array.from({ length: day.event_sequence }, (_, i) => i + 1).join(',');
    sequences.look(
      (outbox.join(',') !== expected &&
        `doctor-day ${day.id}: outbox sequences ${summary(outbox)}, the day says ${day.event_sequence}`) ||
        (published.join(',') !== expected &&
          `doctor-day ${day.id}: stream sequences in stream order ${summary(published)}, expected 1..${day.event_sequence}`),
    );
  }
  return [once.result(), sequences.result()];
}

function summary(numbers: readonly number[]): string {
  const gaps = numbers.filter((n, i) => i > 0 && n !== (numbers[i - 1] ?? 0) + 1);
  return `${numbers.length} of them, first ${numbers[0] ?? '-'}, last ${numbers.at(-1) ?? '-'}, breaks at ${gaps.slice(0, 5).join(',') || 'none'}`;
}
