// What one request left behind in the allocation database: its stored answer, and the events
// written under its request_id (one transaction's worth).
import type { EventEnvelope } from '@opd/api';
import type { AllocationSnapshot, IdempotencyRow, OutboxRow } from '../allocation-snapshot.js';
import type { OperationRecord } from '../journal.js';
import type { OperationKind } from '../operations.js';
import { groupBy } from './check.js';

/** caller/request_id: how the service scopes idempotency keys, and how events name requests. */
export const requestKey = (caller: string, requestId: string): string => `${caller}/${requestId}`;

export interface RequestEffects {
  readonly stored: ReadonlyMap<string, IdempotencyRow>;
  /** Events by request key (sweeper and board-opening events, without a request_id, left out). */
  readonly events: ReadonlyMap<string, readonly OutboxRow[]>;
}

export function indexEffects(state: AllocationSnapshot): RequestEffects {
  return {
    stored: new Map(state.idempotency.map((r) => [requestKey(r.caller, r.request_id), r])),
    events: groupBy(
      state.outbox.filter((o) => o.envelope.requestId !== ''),
      (o) => requestKey(o.envelope.actor?.keyName ?? '', o.envelope.requestId),
    ),
  };
}

export const keyOf = (record: OperationRecord): string =>
  requestKey(record.caller, record.requestId);

/**
 * The event that IS the operation (as opposed to what it caused, like a promotion), with the
 * token or entry it names; undefined for events of other kinds.
 */
export function primaryId(kind: OperationKind, event: EventEnvelope): string | undefined {
  const p = event.payload;
  switch (kind) {
    case 'RequestToken':
      if (p?.$case === 'tokenAllocated' && p.value.promotedFromWaitlistEntryId === '')
        return p.value.tokenId;
      if (p?.$case === 'waitlistEntryAdded' && p.value.displacedTokenId === '')
        return p.value.waitlistEntryId;
      return undefined;
    case 'CancelToken':
      return p?.$case === 'tokenCancelled' ? p.value.tokenId : undefined;
    case 'CheckInToken':
      return p?.$case === 'tokenCheckedIn' ? p.value.tokenId : undefined;
    case 'CompleteToken':
      return p?.$case === 'tokenCompleted' ? p.value.tokenId : undefined;
    case 'MarkNoShow':
      return p?.$case === 'tokenNoShow' && !p.value.automatic ? p.value.tokenId : undefined;
    case 'CancelWaitlistEntry':
      return p?.$case === 'waitlistEntryCancelled' ? p.value.waitlistEntryId : undefined;
  }
}

/**
 * What is wrong with one request's events, if anything: they must be one transaction's (one
 * doctor-day, consecutive sequence numbers) and hold exactly one primary event, naming `subject`
 * when it is known.
 */
export function eventProblems(
  kind: OperationKind,
  events: readonly OutboxRow[],
  subject: string | undefined,
): string[] {
  const problems: string[] = [];
  const days = new Set(events.map((e) => e.doctor_day_id));
  const sequences = events.map((e) => e.sequence).sort((a, b) => a - b);
  if (days.size > 1) problems.push(`its events span ${days.size} doctor-days`);
  if (!sequences.every((s, i) => i === 0 || s === (sequences[i - 1] ?? 0) + 1))
    problems.push(`its events are not one transaction's (sequences ${sequences.join(',')})`);
  const primaries = events
    .map((e) => primaryId(kind, e.envelope))
    .filter((id): id is string => id !== undefined);
  if (primaries.length !== 1)
    problems.push(`${primaries.length} primary events instead of exactly one`);
  else if (subject !== undefined && primaries[0] !== subject)
    problems.push(`its event names ${primaries[0]}, the answer ${subject}`);
  return problems;
}
