// A tiny doctor-day as the snapshot readers would return it, built event by event, so the
// checks can be shown a planted violation (a checker that never fails proves nothing).
import { EventEnvelope, Role, Source, type TokenAllocated } from '@opd/api';
import type {
  AllocationSnapshot,
  EntryRow,
  OutboxRow,
  SlotRow,
  TokenRow,
} from '../../src/allocation-snapshot.js';
import type { StreamMessage } from '../../src/stream-reader.js';

export const DAY = '00000000-0000-4000-8000-000000000001';
export const SLOT = '00000000-0000-4000-8000-000000000002';
const at = new Date('2026-11-30T04:00:00Z');

export const slot = (capacity: number): SlotRow => ({
  id: SLOT,
  doctor_day_id: DAY,
  starts_at: new Date('2026-11-30T04:30:00Z'),
  ends_at: new Date('2026-11-30T05:30:00Z'),
  local_start: '10:00',
  local_end: '11:00',
  capacity,
  occupancy: 0,
});

export const token = (
  id: string,
  n: number,
  status: TokenRow['status'] = 'ALLOCATED',
): TokenRow => ({
  id,
  doctor_day_id: DAY,
  number: n,
  patient_id: `patient-${n}`,
  slot_id: SLOT,
  source: 'WALK_IN',
  priority: 2,
  status,
  protected: false,
  requested_at: at,
  allocated_at: at,
  checked_in_at: null,
  completed_at: null,
  cancelled_at: null,
  no_show_at: null,
  preempted_at: null,
  preempted_by_token_id: null,
  preemption_reason: null,
  called_at: null,
  skips: 0,
  last_skipped_at: null,
  recalls: 0,
  transferred_at: null,
  promoted_from_entry_id: null,
});

export const entry = (
  id: string,
  n: number,
  patient: string,
  status: EntryRow['status'] = 'WAITING',
): EntryRow => ({
  id,
  doctor_day_id: DAY,
  entry_number: n,
  patient_id: patient,
  source: 'ONLINE',
  priority: 1,
  status,
  requested_at: at,
  created_at: at,
  closed_at: null,
  displaced_token_id: null,
  promoted_token_id: null,
});

type Payload = NonNullable<EventEnvelope['payload']>;

export function outboxRow(sequence: number, payload: Payload, requestId = ''): OutboxRow {
  const envelope: EventEnvelope = {
    eventId: `event-${sequence}`,
    doctorDayId: DAY,
    doctorId: 'doctor',
    date: '2026-11-30',
    sequence,
    occurredAt: at,
    actor: { keyName: 'counter', role: Role.ROLE_COUNTER, client: undefined },
    requestId,
    payload,
  };
  return {
    id: envelope.eventId,
    doctor_day_id: DAY,
    sequence,
    event_type: payload.$case.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    payload: Buffer.from(EventEnvelope.encode(envelope).finish()),
    published: true,
    envelope,
  };
}

export const opened = (capacity: number): Payload => ({
  $case: 'doctorDayOpened',
  value: {
    timeZone: 'Asia/Kolkata',
    doctorDisplayName: 'Dr. Test',
    department: 'ENT',
    slots: [
      {
        slotId: SLOT,
        startTime: undefined,
        endTime: undefined,
        localStartTime: '10:00',
        localEndTime: '11:00',
        capacity,
      },
    ],
  },
});

export const allocated = (t: TokenRow): Payload => ({
  $case: 'tokenAllocated',
  value: {
    tokenId: t.id,
    tokenNumber: t.number,
    patientId: t.patient_id,
    source: Source.SOURCE_WALK_IN,
    priority: t.priority,
    slotId: t.slot_id,
    slotStartTime: undefined,
    requestTime: undefined,
    allocateTime: undefined,
    protected: false,
    promotedFromWaitlistEntryId: '',
    transferredFromTokenId: '',
    transferredFromDoctorDayId: '',
    checkInTime: undefined,
  } satisfies TokenAllocated,
});

export const completed = (t: TokenRow): Payload => ({
  $case: 'tokenCompleted',
  value: { tokenId: t.id, tokenNumber: t.number, completeTime: undefined },
});

/** A snapshot of one doctor-day with `slots`, `tokens`, `entries` and the events in `outbox`. */
export function snapshot(parts: {
  slots: SlotRow[];
  tokens: TokenRow[];
  entries?: EntryRow[];
  outbox: OutboxRow[];
}): AllocationSnapshot {
  const entries = parts.entries ?? [];
  const held = parts.tokens.filter((t) =>
    ['ALLOCATED', 'CHECKED_IN', 'COMPLETED'].includes(t.status),
  );
  return {
    takenAt: at.getTime(),
    days: [
      {
        id: DAY,
        doctor_id: 'doctor',
        date: '2026-11-30',
        day_starts_at: new Date('2026-11-29T18:30:00Z'),
        next_token_number: parts.tokens.length + 1,
        next_entry_number: entries.length + 1,
        event_sequence: parts.outbox.length,
      },
    ],
    slots: parts.slots.map((s) => ({
      ...s,
      occupancy: held.filter((t) => t.slot_id === s.id).length,
    })),
    tokens: parts.tokens,
    entries,
    tokenById: new Map(parts.tokens.map((t) => [t.id, t])),
    entryById: new Map(entries.map((e) => [e.id, e])),
    phones: new Map(),
    idempotency: [],
    outbox: parts.outbox,
  };
}

/** The outbox as the relay would have published it: each row once, in order. */
export const published = (outbox: readonly OutboxRow[]): StreamMessage[] =>
  outbox.map((row, i) => ({
    streamSequence: i + 1,
    subject: `opd.v1.events.${row.event_type}`,
    messageId: row.id,
    data: row.payload,
  }));
