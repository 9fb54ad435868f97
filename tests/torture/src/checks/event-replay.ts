// Every committed change has its event: replaying each doctor-day's outbox in sequence order
// must walk every token and entry through legal steps and end exactly where the tables are.
import { TokenStatus, type EventEnvelope } from '@opd/api';
import type { AllocationSnapshot } from '../allocation-snapshot.js';
import { Check, groupBy, type CheckResult } from './check.js';

interface Folded {
  status: string;
  slotId?: string;
  number?: number;
  patientId?: string;
}

type Step = (tokens: Map<string, Folded>, entries: Map<string, Folded>) => string | undefined;

/** A token moves `from` one of the statuses to `to`; anything else is a violation. */
const move =
  (id: string, from: readonly string[], to: string): Step =>
  (tokens) => {
    const token = tokens.get(id);
    if (!token) return `an event moves unknown token ${id}`;
    if (!from.includes(token.status)) return `token ${id} goes ${token.status} → ${to}`;
    token.status = to;
    return undefined;
  };

const moveEntry =
  (id: string, to: string): Step =>
  (_, entries) => {
    const entry = entries.get(id);
    if (!entry) return `an event moves unknown entry ${id}`;
    if (entry.status !== 'WAITING') return `entry ${id} goes ${entry.status} → ${to}`;
    entry.status = to;
    return undefined;
  };

/** The engine's name of a proto status: TOKEN_STATUS_CALLED → CALLED. */
const statusName = (status: TokenStatus): string =>
  TokenStatus[status].replace('TOKEN_STATUS_', '');

const allocate =
  (
    id: string,
    value: {
      slotId: string;
      tokenNumber: number;
      patientId: string;
      checkInTime?: Date | undefined;
    },
  ): Step =>
  (tokens) => {
    if (tokens.has(id)) return `token ${id} is allocated twice`;
    tokens.set(id, {
      // A transferred patient who had arrived arrives checked in.
      status: value.checkInTime ? 'CHECKED_IN' : 'ALLOCATED',
      slotId: value.slotId,
      number: value.tokenNumber,
      patientId: value.patientId,
    });
    return undefined;
  };

function stepOf(event: EventEnvelope): Step {
  const p = event.payload;
  switch (p?.$case) {
    case 'tokenAllocated':
      return allocate(p.value.tokenId, p.value);
    case 'waitlistEntryPromoted': {
      const token = p.value.token;
      const promote = moveEntry(p.value.waitlistEntryId, 'PROMOTED');
      return (tokens, entries) =>
        promote(tokens, entries) ??
        (token ? allocate(token.tokenId, token)(tokens, entries) : 'a promotion without a token');
    }
    case 'tokenPreempted':
      return move(p.value.tokenId, ['ALLOCATED'], 'PREEMPTED');
    case 'tokenCancelled':
      return move(p.value.tokenId, ['ALLOCATED', 'CHECKED_IN'], 'CANCELLED');
    case 'tokenCheckedIn':
      return move(p.value.tokenId, ['ALLOCATED'], 'CHECKED_IN');
    case 'tokenCompleted':
      return move(p.value.tokenId, ['CHECKED_IN', 'CALLED'], 'COMPLETED');
    case 'tokenNoShow':
      return move(p.value.tokenId, ['ALLOCATED', 'CHECKED_IN'], 'NO_SHOW');
    case 'tokenCalled':
      return move(p.value.tokenId, ['CHECKED_IN'], 'CALLED');
    case 'tokenRecalled':
      return move(p.value.tokenId, ['CALLED'], 'CALLED');
    case 'tokenSkipped':
      return move(p.value.tokenId, ['CALLED'], 'CHECKED_IN');
    case 'tokenTransferred':
      return move(p.value.tokenId, ['ALLOCATED', 'CHECKED_IN', 'CALLED'], 'TRANSFERRED');
    case 'tokenTransitionUndone':
      return move(p.value.tokenId, [statusName(p.value.fromStatus)], statusName(p.value.toStatus));
    case 'waitlistEntryAdded': {
      const { waitlistEntryId: id, patientId } = p.value;
      return (_, entries) => {
        if (entries.has(id)) return `entry ${id} is added twice`;
        entries.set(id, { status: 'WAITING', patientId });
        return undefined;
      };
    }
    case 'waitlistEntryCancelled':
      return moveEntry(p.value.waitlistEntryId, 'CANCELLED');
    case 'waitlistEntryExpired':
      return moveEntry(p.value.waitlistEntryId, 'EXPIRED');
    case 'doctorDayOpened':
    case 'scheduleChanged':
    case undefined:
      return () => undefined;
  }
}

const slotList = (slots: readonly { slotId: string; capacity: number }[]) =>
  slots
    .map((s) => `${s.slotId}:${s.capacity}`)
    .sort()
    .join(',');

export function checkEventReplay(state: AllocationSnapshot): CheckResult {
  const check = new Check('replaying the events gives exactly the tables: one event per change');
  const tokens = new Map<string, Folded>();
  const entries = new Map<string, Folded>();
  const slotsByDay = new Map<string, string>();
  for (const [day, events] of groupBy(state.outbox, (o) => o.doctor_day_id)) {
    for (const row of [...events].sort((a, b) => a.sequence - b.sequence)) {
      const problem = stepOf(row.envelope)(tokens, entries);
      if (problem) check.fail(`doctor-day ${day} #${row.sequence} ${row.event_type}: ${problem}`);
      const p = row.envelope.payload;
      if (p?.$case === 'doctorDayOpened' || p?.$case === 'scheduleChanged')
        slotsByDay.set(day, slotList(p.value.slots));
    }
  }
  for (const [day, slots] of groupBy(state.slots, (s) => s.doctor_day_id)) {
    const table = slotList(slots.map((s) => ({ slotId: s.id, capacity: s.capacity })));
    check.look(
      slotsByDay.get(day) !== table &&
        `doctor-day ${day}: the slots in its events are not the slots in the table`,
    );
  }
  for (const token of state.tokens) {
    const folded = tokens.get(token.id);
    check.look(
      (!folded && `token ${token.id} (#${token.number}) has no event that created it`) ||
        (folded &&
          (folded.status !== token.status ||
            folded.slotId !== token.slot_id ||
            folded.number !== token.number ||
            folded.patientId !== token.patient_id) &&
          `token ${token.id}: events say ${folded.status} #${folded.number} in ${folded.slotId}, the table ${token.status} #${token.number} in ${token.slot_id}`),
    );
  }
  for (const entry of state.entries) {
    const folded = entries.get(entry.id);
    check.look(
      (!folded && `entry ${entry.id} has no event that created it`) ||
        (folded &&
          folded.status !== entry.status &&
          `entry ${entry.id}: events say ${folded.status}, the table ${entry.status}`),
    );
  }
  if (tokens.size !== state.tokens.length || entries.size !== state.entries.length)
    check.fail(
      `events create ${tokens.size} tokens and ${entries.size} entries; the tables hold ${state.tokens.length} and ${state.entries.length}`,
    );
  return check.result();
}
