import { EventEnvelope } from '@opd/api';
import { isDate } from '@opd/service-runtime';

export type DecodedEvent =
  | { readonly ok: true; readonly event: EventEnvelope }
  | {
      readonly ok: false;
      readonly reason: 'UNDECODABLE' | 'INVALID_EVENT';
      readonly error: string;
      /** What could be read before the problem, for the parked row. */
      readonly event?: EventEnvelope;
    };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Reads a message body as an `opd.v1.EventEnvelope` and checks what every event must carry.
 * Either failure is deterministic, so such a message is parked at once rather than retried.
 */
export function decodeEvent(data: Uint8Array): DecodedEvent {
  let event: EventEnvelope;
  try {
    event = EventEnvelope.decode(data);
  } catch (error) {
    return { ok: false, reason: 'UNDECODABLE', error: (error as Error).message };
  }
  const problems = envelopeProblems(event);
  if (problems.length > 0) {
    return { ok: false, reason: 'INVALID_EVENT', error: problems.join('; '), event };
  }
  return { ok: true, event };
}

function envelopeProblems(event: EventEnvelope): string[] {
  const problems: string[] = [];
  if (!UUID.test(event.eventId)) problems.push('event_id must be a UUID');
  if (!UUID.test(event.doctorDayId)) problems.push('doctor_day_id must be a UUID');
  if (!UUID.test(event.doctorId)) problems.push('doctor_id must be a UUID');
  if (!isDate(event.date)) problems.push('date must be YYYY-MM-DD');
  if (!Number.isSafeInteger(event.sequence) || event.sequence < 1) {
    problems.push('sequence must be 1 or more');
  }
  if (event.occurredAt === undefined) problems.push('occurred_at is missing');
  if (event.payload === undefined) problems.push('payload is missing or of an unknown type');
  return problems;
}

/** The snake_case name of the payload, as in subjects: `tokenNoShow` → `token_no_show`. */
export function eventTypeOf(event: EventEnvelope): string {
  const name = event.payload?.$case ?? 'unknown';
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}
