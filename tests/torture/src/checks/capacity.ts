import type { AllocationSnapshot } from '../allocation-snapshot.js';
import { Check, countBy, groupBy, HELD, type CheckResult } from './check.js';

/** The database-guarded invariants, at the end: capacity, one place per patient, numbering. */
export function checkCapacity(state: AllocationSnapshot): CheckResult[] {
  const capacity = new Check('no slot over capacity; occupancy equals held tokens');
  const heldBySlot = countBy(
    state.tokens.filter((t) => HELD.includes(t.status)),
    (t) => t.slot_id,
  );
  for (const slot of state.slots) {
    const held = heldBySlot.get(slot.id) ?? 0;
    capacity.look(
      (held > slot.capacity || slot.occupancy > slot.capacity || held !== slot.occupancy) &&
        `slot ${slot.id} (${slot.local_start}): capacity ${slot.capacity}, stored occupancy ${slot.occupancy}, ${held} held tokens`,
    );
  }

  const places = new Check('at most one held token or WAITING entry per patient per doctor-day');
  const holders = [
    ...state.tokens.filter((t) => HELD.includes(t.status)),
    ...state.entries.filter((e) => e.status === 'WAITING'),
  ];
  for (const [key, count] of countBy(holders, (h) => `${h.doctor_day_id}/${h.patient_id}`)) {
    places.look(
      count > 1 &&
        `patient ${key.split('/')[1]} holds ${count} places on doctor-day ${key.split('/')[0]}`,
    );
  }

  const numbers = new Check('token and waitlist numbers are 1..n per doctor-day, never repeated');
  const tokensByDay = groupBy(state.tokens, (t) => t.doctor_day_id);
  const entriesByDay = groupBy(state.entries, (e) => e.doctor_day_id);
  for (const day of state.days) {
    const tokenNumbers = (tokensByDay.get(day.id) ?? []).map((t) => t.number).sort((a, b) => a - b);
    const entryNumbers = (entriesByDay.get(day.id) ?? [])
      .map((e) => e.entry_number)
      .sort((a, b) => a - b);
    numbers.look(
      (!tokenNumbers.every((n, i) => n === i + 1) ||
        day.next_token_number !== tokenNumbers.length + 1) &&
        `doctor-day ${day.id}: token numbers ${describe(tokenNumbers)}, next ${day.next_token_number}`,
    );
    numbers.look(
      (!entryNumbers.every((n, i) => n === i + 1) ||
        day.next_entry_number !== entryNumbers.length + 1) &&
        `doctor-day ${day.id}: waitlist numbers ${describe(entryNumbers)}, next ${day.next_entry_number}`,
    );
  }
  return [capacity.result(), places.result(), numbers.result()];
}

function describe(numbers: readonly number[]): string {
  return numbers.length > 12
    ? `${numbers.slice(0, 6).join(',')}…${numbers.slice(-6).join(',')} (${numbers.length})`
    : numbers.join(',') || 'none';
}
