// What a person's move and its undo do to a token: the reducer's part for TokenCheckedIn,
// TokenCalled, TokenSkipped, TokenCompleted, TokenCancelled, TokenNoShow and TransitionUndone.
import { InvariantViolation } from './errors.js';
import type { DomainEvent } from './events.js';
import type { DoctorDay, Instant, Token, TokenMove, TokenStatus } from './types.js';

/** A person's move on a token: the new status, and the move remembered so it can be undone. */
export function moved(token: Token, to: TokenStatus, move: TokenMove, at: Instant): Token {
  return {
    ...token,
    status: to,
    lastTransition: { from: token.status, to, at, move, undo: false },
  };
}

/**
 * A move taken back: the token returns to the status it left and loses what the move set. A call
 * undone keeps the token's check-in and skips, so it goes back to its place in the queue.
 */
export function undone(
  day: DoctorDay,
  token: Token,
  event: Extract<DomainEvent, { type: 'TransitionUndone' }>,
  at: Instant,
): Token {
  if (token.status !== event.from) {
    throw new InvariantViolation(`undo of ${event.move} on a ${token.status} token ${token.id}`);
  }
  const back: Token = {
    ...token,
    status: event.to,
    lastTransition: { from: event.from, to: event.to, at, move: event.move, undo: true },
  };
  switch (event.move) {
    case 'CHECK_IN':
      return without(back, 'checkedInAt');
    case 'CALL':
      return without(back, 'calledAt');
    case 'SKIP':
      return back.skips > 1
        ? { ...back, skips: back.skips - 1 }
        : { ...without(back, 'lastSkippedAt'), skips: 0 };
    case 'COMPLETE':
      return without(back, 'completedAt');
    case 'CANCEL':
      return heldAgain(day, without(back, 'cancelledAt'));
    case 'NO_SHOW':
      // The patient turned up after all: a fresh grace period before the next no-show.
      return heldAgain(day, { ...without(back, 'noShowAt'), graceFrom: at });
  }
}

/** A patient displaced here since the token was let go keeps their protection (§3 step 5). */
function heldAgain(day: DoctorDay, token: Token): Token {
  const displaced = day.tokens.some(
    (t) => t.patientId === token.patientId && t.status === 'PREEMPTED',
  );
  return displaced && !token.protected ? { ...token, protected: true } : token;
}

type OptionalKey = { [K in keyof Token]-?: object extends Pick<Token, K> ? K : never }[keyof Token];

/** The token without the given optional fields: absent, not undefined, as in a fresh token. */
export function without(token: Token, ...keys: readonly OptionalKey[]): Token {
  const dropped = new Set<string>(keys);
  return Object.fromEntries(
    Object.entries(token).filter(([key]) => !dropped.has(key)),
  ) as unknown as Token;
}
