import type { EventEnvelope } from '@opd/api';
import { counted, openedDay, withSlots } from './day-reducer.js';
import { ProjectionError } from './projection-error.js';
import type { DoctorDayRow, TokenRow } from './rows.js';
import { recalledToken, skippedToken, transferredToken, undoneToken } from './room-reducer.js';
import { allocatedToken, movedToken } from './token-reducer.js';

/** What the read model holds about an event's doctor-day before the event is applied. */
export interface DayState {
  readonly day: DoctorDayRow | undefined;
  /** The tokens named by {@link tokensReadBy}, those that exist. */
  readonly tokens: ReadonlyMap<string, TokenRow>;
}

/** The rows an event writes: the day row if it changed, and new or changed token rows. */
export interface DayChange {
  readonly day?: DoctorDayRow;
  readonly tokens: readonly TokenRow[];
}

/** The tokens an event reads: the ones it changes, or the one it issues (to refuse a re-issue). */
export function tokensReadBy(event: EventEnvelope): string[] {
  const payload = event.payload;
  switch (payload?.$case) {
    case 'tokenAllocated':
    case 'tokenPreempted':
    case 'tokenCancelled':
    case 'tokenCheckedIn':
    case 'tokenCompleted':
    case 'tokenNoShow':
    case 'tokenCalled':
    case 'tokenRecalled':
    case 'tokenSkipped':
    case 'tokenTransferred':
    case 'tokenTransitionUndone':
      // A transfer reads only its own day's token: the new token is the other day's event.
      return [payload.value.tokenId];
    case 'waitlistEntryPromoted':
      return payload.value.token ? [payload.value.token.tokenId] : [];
    default:
      return [];
  }
}

/**
 * The pure reducer of the read model: one event and the rows it reads in, the rows to write
 * out. No I/O, no clock. Throws {@link ProjectionError} for an event that does not fit.
 *
 * @example
 * project({ day, tokens: new Map([[id, token]]) }, checkedInEvent)
 *   // → { tokens: [{ ...token, status: 'CHECKED_IN', checkInTime: <event time> }] }
 */
export function project(state: DayState, event: EventEnvelope): DayChange {
  const payload = event.payload;
  if (payload === undefined) throw new ProjectionError('the event has no payload');
  if (payload.$case === 'doctorDayOpened') {
    if (state.day) throw new ProjectionError(`doctor-day ${event.doctorDayId} is already open`);
    return { day: openedDay(event, payload.value), tokens: [] };
  }
  const day = state.day;
  if (day === undefined) {
    throw new ProjectionError(`doctor-day ${event.doctorDayId} has not been opened`);
  }
  const token = (id: string): TokenRow => {
    const row = state.tokens.get(id);
    if (row === undefined || row.doctorDayId !== day.doctorDayId) {
      throw new ProjectionError(`token ${id} is not a token of doctor-day ${day.doctorDayId}`);
    }
    return row;
  };
  const fresh = (id: string): void => {
    if (state.tokens.has(id)) throw new ProjectionError(`token ${id} was already issued`);
  };
  switch (payload.$case) {
    case 'scheduleChanged':
      return { day: withSlots(day, payload.value.slots), tokens: [] };
    case 'tokenAllocated': {
      fresh(payload.value.tokenId);
      const issued = allocatedToken(day, payload.value, 'token_allocated', false);
      if (issued.transferredFromTokenId === null) return { tokens: [issued] };
      return { day: counted(day, 'transferredInCount'), tokens: [issued] };
    }
    case 'waitlistEntryPromoted': {
      const issued = payload.value.token;
      if (!issued) throw new ProjectionError('waitlist_entry_promoted.token is missing');
      fresh(issued.tokenId);
      return {
        day: counted(day, 'waitlistPromotedCount'),
        tokens: [allocatedToken(day, issued, 'waitlist_entry_promoted.token', true)],
      };
    }
    case 'tokenPreempted': {
      const { tokenId, preemptTime } = payload.value;
      const at = 'token_preempted.preempt_time';
      return { tokens: [movedToken(token(tokenId), 'PREEMPTED', preemptTime, at)] };
    }
    case 'tokenCancelled': {
      const { tokenId, cancelTime } = payload.value;
      const at = 'token_cancelled.cancel_time';
      return { tokens: [movedToken(token(tokenId), 'CANCELLED', cancelTime, at)] };
    }
    case 'tokenCheckedIn': {
      const { tokenId, checkInTime } = payload.value;
      const at = 'token_checked_in.check_in_time';
      return { tokens: [movedToken(token(tokenId), 'CHECKED_IN', checkInTime, at)] };
    }
    case 'tokenCompleted': {
      const { tokenId, completeTime } = payload.value;
      const at = 'token_completed.complete_time';
      return { tokens: [movedToken(token(tokenId), 'COMPLETED', completeTime, at)] };
    }
    case 'tokenNoShow': {
      const { tokenId, noShowTime } = payload.value;
      const at = 'token_no_show.no_show_time';
      return { tokens: [movedToken(token(tokenId), 'NO_SHOW', noShowTime, at)] };
    }
    case 'tokenCalled': {
      const { tokenId, callTime } = payload.value;
      const at = 'token_called.call_time';
      return {
        day: counted(day, 'callCount'),
        tokens: [movedToken(token(tokenId), 'CALLED', callTime, at)],
      };
    }
    case 'tokenRecalled':
      return {
        day: counted(day, 'recallCount'),
        tokens: [recalledToken(token(payload.value.tokenId), payload.value)],
      };
    case 'tokenSkipped':
      return {
        day: counted(day, 'skipCount'),
        tokens: [skippedToken(token(payload.value.tokenId), payload.value)],
      };
    case 'tokenTransferred':
      return {
        day: counted(day, 'transferredOutCount'),
        tokens: [transferredToken(token(payload.value.tokenId), payload.value)],
      };
    case 'tokenTransitionUndone':
      return {
        day: counted(day, 'undoCount'),
        tokens: [undoneToken(token(payload.value.tokenId), payload.value)],
      };
    case 'waitlistEntryAdded':
      return { day: counted(day, 'waitlistAddedCount'), tokens: [] };
    case 'waitlistEntryCancelled':
      return { day: counted(day, 'waitlistCancelledCount'), tokens: [] };
    case 'waitlistEntryExpired':
      return { day: counted(day, 'waitlistExpiredCount'), tokens: [] };
  }
}
