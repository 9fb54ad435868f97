import {
  invariantViolations,
  type DoctorDay,
  type Slot,
  type Token,
  type WaitlistEntry,
} from '@opd/engine';
import type { AllocationSnapshot, EntryRow, SlotRow, TokenRow } from '../allocation-snapshot.js';
import { Check, groupBy, type CheckResult } from './check.js';

const ms = (d: Date | null): number | undefined => (d === null ? undefined : d.getTime());

/** Keeps the optional fields that are set (the engine's types are exact about `undefined`). */
function defined<T extends object>(fields: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

const slotOf = (r: SlotRow): Slot => ({
  id: r.id,
  startsAt: r.starts_at.getTime(),
  endsAt: r.ends_at.getTime(),
  localStart: r.local_start,
  localEnd: r.local_end,
  capacity: r.capacity,
});

const tokenOf = (r: TokenRow): Token => ({
  id: r.id,
  number: r.number,
  patientId: r.patient_id,
  slotId: r.slot_id,
  source: r.source,
  priority: r.priority,
  requestedAt: r.requested_at.getTime(),
  allocatedAt: r.allocated_at.getTime(),
  status: r.status,
  protected: r.protected,
  skips: r.skips,
  recalls: r.recalls,
  ...defined({
    calledAt: ms(r.called_at),
    lastSkippedAt: ms(r.last_skipped_at),
    transferredAt: ms(r.transferred_at),
    promotedFromEntryId: r.promoted_from_entry_id ?? undefined,
    preemptedByTokenId: r.preempted_by_token_id ?? undefined,
    preemptionReason: r.preemption_reason ?? undefined,
    checkedInAt: ms(r.checked_in_at),
    completedAt: ms(r.completed_at),
    cancelledAt: ms(r.cancelled_at),
    noShowAt: ms(r.no_show_at),
    preemptedAt: ms(r.preempted_at),
  }),
});

const entryOf = (r: EntryRow): WaitlistEntry => ({
  id: r.id,
  entryNumber: r.entry_number,
  patientId: r.patient_id,
  source: r.source,
  priority: r.priority,
  requestedAt: r.requested_at.getTime(),
  createdAt: r.created_at.getTime(),
  status: r.status,
  ...defined({
    displacedTokenId: r.displaced_token_id ?? undefined,
    promotedTokenId: r.promoted_token_id ?? undefined,
    closedAt: ms(r.closed_at),
  }),
});

/** Every doctor-day of the tables, rebuilt as the engine's value and checked by the engine. */
export function checkEngineInvariants(state: AllocationSnapshot): CheckResult {
  const check = new Check('engine invariants hold on every doctor-day built from the tables');
  const slots = groupBy(state.slots, (s) => s.doctor_day_id);
  const tokens = groupBy(state.tokens, (t) => t.doctor_day_id);
  const entries = groupBy(state.entries, (e) => e.doctor_day_id);
  for (const row of state.days) {
    const day: DoctorDay = {
      id: row.id,
      doctorId: row.doctor_id,
      date: row.date,
      dayStartsAt: row.day_starts_at.getTime(),
      slots: (slots.get(row.id) ?? []).map(slotOf),
      tokens: (tokens.get(row.id) ?? []).map(tokenOf).sort((a, b) => a.number - b.number),
      waitlist: (entries.get(row.id) ?? []).map(entryOf),
      nextTokenNumber: row.next_token_number,
      nextEntryNumber: row.next_entry_number,
      eventSequence: row.event_sequence,
    };
    const broken = invariantViolations(day, state.takenAt);
    check.look(broken.length > 0 && `doctor-day ${row.id} (${row.date}): ${broken.join('; ')}`);
  }
  return check.result();
}
