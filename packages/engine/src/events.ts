import { InvariantViolation } from './errors.js';
import { moved, undone, without } from './token-moves.js';
import type {
  DoctorDay,
  Instant,
  LocalDate,
  Slot,
  Token,
  TokenMove,
  TokenStatus,
  WaitlistEntry,
} from './types.js';

/**
 * What happened to a doctor-day. Each state change is exactly one event: a promotion is one
 * event (the entry becomes PROMOTED and its token is born together), a preemption is three
 * (the displaced token, the new token, the displaced patient's waitlist entry).
 */
export type DomainEventBody =
  | {
      readonly type: 'DoctorDayOpened';
      readonly doctorDayId: string;
      readonly doctorId: string;
      readonly date: LocalDate;
      readonly dayStartsAt: Instant;
      readonly slots: readonly Slot[];
    }
  | { readonly type: 'TokenAllocated'; readonly token: Token }
  | {
      readonly type: 'TokenPreempted';
      readonly tokenId: string;
      readonly byTokenId: string;
      readonly reason: string;
    }
  | { readonly type: 'TokenCancelled'; readonly tokenId: string; readonly reason: string }
  | { readonly type: 'TokenCheckedIn'; readonly tokenId: string }
  | { readonly type: 'TokenCompleted'; readonly tokenId: string }
  | { readonly type: 'TokenNoShow'; readonly tokenId: string }
  | { readonly type: 'TokenCalled'; readonly tokenId: string }
  | { readonly type: 'TokenRecalled'; readonly tokenId: string }
  | { readonly type: 'TokenSkipped'; readonly tokenId: string }
  | {
      readonly type: 'TokenTransferred';
      readonly tokenId: string;
      readonly reason: string;
      readonly toDoctorDayId: string;
      readonly toTokenId: string;
    }
  | {
      /** The last move taken back: `from` is the status the token leaves, `to` the one restored. */
      readonly type: 'TransitionUndone';
      readonly tokenId: string;
      readonly move: TokenMove;
      readonly from: TokenStatus;
      readonly to: TokenStatus;
    }
  | { readonly type: 'WaitlistEntryAdded'; readonly entry: WaitlistEntry }
  | { readonly type: 'WaitlistEntryPromoted'; readonly entryId: string; readonly token: Token }
  | { readonly type: 'WaitlistEntryCancelled'; readonly entryId: string; readonly reason: string }
  | { readonly type: 'WaitlistEntryExpired'; readonly entryId: string }
  | { readonly type: 'ScheduleChanged'; readonly slots: readonly Slot[] };

export type DomainEventType = DomainEventBody['type'];

/** An event as stored and published: numbered per doctor-day, gap-free, in commit order. */
export type DomainEvent = DomainEventBody & {
  readonly sequence: number;
  readonly occurredAt: Instant;
};

/**
 * Applies one event to a doctor-day. Operations build their new state with this very function,
 * so replaying a day's events always rebuilds the day.
 */
export function applyEvent(day: DoctorDay | undefined, event: DomainEvent): DoctorDay {
  if (event.type === 'DoctorDayOpened') {
    if (day) throw new InvariantViolation(`doctor-day ${day.id} opened twice`);
    return {
      id: event.doctorDayId,
      doctorId: event.doctorId,
      date: event.date,
      dayStartsAt: event.dayStartsAt,
      slots: event.slots,
      tokens: [],
      waitlist: [],
      nextTokenNumber: 1,
      nextEntryNumber: 1,
      eventSequence: event.sequence,
    };
  }
  if (!day) throw new InvariantViolation(`${event.type} before the doctor-day was opened`);
  if (event.sequence !== day.eventSequence + 1) {
    throw new InvariantViolation(
      `event ${event.sequence} applied after ${day.eventSequence} on doctor-day ${day.id}`,
    );
  }
  const next = reduce(day, event);
  return { ...next, eventSequence: event.sequence };
}

/** Rebuilds a doctor-day from its whole event history. */
export function replay(events: readonly DomainEvent[]): DoctorDay {
  let day: DoctorDay | undefined;
  for (const event of events) day = applyEvent(day, event);
  if (!day) throw new InvariantViolation('no events to replay');
  return day;
}

function reduce(day: DoctorDay, event: Exclude<DomainEvent, { type: 'DoctorDayOpened' }>) {
  const at = event.occurredAt;
  switch (event.type) {
    case 'TokenAllocated':
      return addToken(day, event.token);
    case 'TokenPreempted':
      return updateToken(day, event.tokenId, (t) => ({
        ...without(t, 'lastTransition'),
        status: 'PREEMPTED',
        preemptedByTokenId: event.byTokenId,
        preemptionReason: event.reason,
        preemptedAt: at,
      }));
    case 'TokenCancelled':
      return updateToken(day, event.tokenId, (t) => ({
        ...moved(t, 'CANCELLED', 'CANCEL', at),
        cancelledAt: at,
      }));
    case 'TokenCheckedIn':
      return updateToken(day, event.tokenId, (t) => ({
        ...moved(t, 'CHECKED_IN', 'CHECK_IN', at),
        checkedInAt: at,
      }));
    case 'TokenCalled':
      return updateToken(day, event.tokenId, (t) => ({
        ...moved(t, 'CALLED', 'CALL', at),
        calledAt: at,
      }));
    case 'TokenRecalled':
      return updateToken(day, event.tokenId, (t) => ({ ...t, recalls: t.recalls + 1 }));
    case 'TokenSkipped':
      return updateToken(day, event.tokenId, (t) => ({
        ...moved(t, 'CHECKED_IN', 'SKIP', at),
        skips: t.skips + 1,
        lastSkippedAt: at,
      }));
    case 'TokenCompleted':
      return updateToken(day, event.tokenId, (t) => ({
        ...moved(t, 'COMPLETED', 'COMPLETE', at),
        completedAt: at,
      }));
    case 'TokenNoShow':
      return updateToken(day, event.tokenId, (t) => ({
        ...moved(t, 'NO_SHOW', 'NO_SHOW', at),
        noShowAt: at,
      }));
    case 'TokenTransferred':
      return updateToken(day, event.tokenId, (t) => ({
        ...without(t, 'lastTransition'),
        status: 'TRANSFERRED',
        transferredAt: at,
        transferReason: event.reason,
        transferredTo: { doctorDayId: event.toDoctorDayId, tokenId: event.toTokenId },
      }));
    case 'TransitionUndone':
      return updateToken(day, event.tokenId, (t) => undone(day, t, event, at));
    case 'WaitlistEntryAdded':
      return {
        ...day,
        waitlist: [...day.waitlist, event.entry],
        nextEntryNumber: Math.max(day.nextEntryNumber, event.entry.entryNumber + 1),
      };
    case 'WaitlistEntryPromoted':
      return addToken(
        updateEntry(day, event.entryId, {
          status: 'PROMOTED',
          promotedTokenId: event.token.id,
          closedAt: at,
        }),
        event.token,
      );
    case 'WaitlistEntryCancelled':
      return updateEntry(day, event.entryId, { status: 'CANCELLED', closedAt: at });
    case 'WaitlistEntryExpired':
      return updateEntry(day, event.entryId, { status: 'EXPIRED', closedAt: at });
    case 'ScheduleChanged':
      return { ...day, slots: event.slots };
  }
}

function addToken(day: DoctorDay, token: Token): DoctorDay {
  return {
    ...day,
    tokens: [...day.tokens, token],
    nextTokenNumber: Math.max(day.nextTokenNumber, token.number + 1),
  };
}

function updateToken(day: DoctorDay, tokenId: string, update: (token: Token) => Token): DoctorDay {
  if (!day.tokens.some((t) => t.id === tokenId)) {
    throw new InvariantViolation(`event for unknown token ${tokenId}`);
  }
  return { ...day, tokens: day.tokens.map((t) => (t.id === tokenId ? update(t) : t)) };
}

function updateEntry(day: DoctorDay, entryId: string, patch: Partial<WaitlistEntry>): DoctorDay {
  if (!day.waitlist.some((e) => e.id === entryId)) {
    throw new InvariantViolation(`event for unknown waitlist entry ${entryId}`);
  }
  return {
    ...day,
    waitlist: day.waitlist.map((e) => (e.id === entryId ? { ...e, ...patch } : e)),
  };
}
