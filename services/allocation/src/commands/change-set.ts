import { EventEnvelope } from '@opd/api';
import type { DoctorDay, DomainEvent } from '@opd/engine';
import type { DoctorDayChangeSet, OutboxRow } from '../db/doctor-day-store.js';
import { eventTypeName, toEnvelope } from '../events/event-envelope.js';
import type { Actor } from './command-env.js';

/** What the events of one caller's change need to become outbox rows. */
export interface EventSource {
  readonly events: readonly DomainEvent[];
  /** The day before and after this caller's change (an event describes what it did to it). */
  readonly before: DoctorDay | undefined;
  readonly after: DoctorDay;
  readonly actor: Actor;
  readonly requestId: string;
}

export interface OutboxContext {
  readonly timeZone: string;
  readonly doctor: { readonly displayName: string; readonly department: string };
  readonly newId: () => string;
  readonly now: number;
  /** For a transfer's events: the doctor the patient went to. */
  readonly transferTargetDoctorId?: string;
}

/** One outbox row per event, its envelope encoded as it will be published. */
export function outboxRows(source: EventSource, ctx: OutboxContext): OutboxRow[] {
  const createdAt = new Date(ctx.now).toISOString();
  return source.events.map((event): OutboxRow => {
    const envelope = toEnvelope(event, {
      day: source.after,
      before: event.type === 'DoctorDayOpened' ? undefined : source.before,
      actor: source.actor,
      requestId: source.requestId,
      timeZone: ctx.timeZone,
      doctor: ctx.doctor,
      newId: ctx.newId,
      ...(ctx.transferTargetDoctorId ? { transferTargetDoctorId: ctx.transferTargetDoctorId } : {}),
    });
    return {
      id: envelope.eventId,
      doctor_day_id: source.after.id,
      sequence: event.sequence,
      event_type: eventTypeName(event),
      payload: `\\x${Buffer.from(EventEnvelope.encode(envelope).finish()).toString('hex')}`,
      occurred_at: new Date(event.occurredAt).toISOString(),
      created_at: createdAt,
      published_at: null,
    };
  });
}

/**
 * The rows that differ between two versions of a day. The engine never mutates: an unchanged
 * token or entry is the very same object in both, so identity tells what changed.
 */
export function changeSetOf(
  before: DoctorDay,
  after: DoctorDay,
  texts: {
    readonly notes: ReadonlyMap<string, string>;
    readonly cancelReasons: ReadonlyMap<string, string>;
  },
  outbox: readonly OutboxRow[],
): DoctorDayChangeSet {
  const oldSlots = new Map(before.slots.map((s) => [s.id, s]));
  const oldTokens = new Map(before.tokens.map((t) => [t.id, t]));
  const oldEntries = new Map(before.waitlist.map((e) => [e.id, e]));
  const kept = new Set(after.slots.map((s) => s.id));
  return {
    doctorDayId: after.id,
    counters: {
      nextTokenNumber: after.nextTokenNumber,
      nextEntryNumber: after.nextEntryNumber,
      eventSequence: after.eventSequence,
    },
    slotUpdates: after.slots.filter(
      (s) => oldSlots.has(s.id) && oldSlots.get(s.id)?.capacity !== s.capacity,
    ),
    slotInserts: after.slots.filter((s) => !oldSlots.has(s.id)),
    slotDeletes: before.slots.filter((s) => !kept.has(s.id)).map((s) => s.id),
    tokenUpdates: after.tokens.filter((t) => oldTokens.has(t.id) && oldTokens.get(t.id) !== t),
    tokenInserts: after.tokens.filter((t) => !oldTokens.has(t.id)),
    entryUpdates: after.waitlist.filter((e) => oldEntries.has(e.id) && oldEntries.get(e.id) !== e),
    entryInserts: after.waitlist.filter((e) => !oldEntries.has(e.id)),
    cancelReasons: texts.cancelReasons,
    notes: texts.notes,
    outbox,
  };
}
