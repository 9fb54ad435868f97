import { DayChange } from './day-change.js';
import { fail, ok, type Result, type UndoRefusalReason } from './errors.js';
import type { TokenOutcome } from './lifecycle.js';
import { calledToken } from './room-queue.js';
import { isHeld, isLive, occupancy } from './slots.js';
import type {
  Context,
  DoctorDay,
  Instant,
  Policy,
  Token,
  TokenMove,
  TokenTransition,
} from './types.js';
import { waitingEntries } from './waitlist.js';

export interface UndoableMove {
  readonly move: TokenMove;
  /** The last instant the move may be undone (the window is inclusive). */
  readonly deadline: Instant;
}

/**
 * The move a person may still take back on this token, if any: its last transition, not itself an
 * undo, within the window. Whether the day has room to take it back is `undoLastTransition`'s
 * question; this one is for showing the undo key.
 */
export function undoableMove(token: Token, now: Instant, policy: Policy): UndoableMove | undefined {
  const last = token.lastTransition;
  if (!last || last.undo) return undefined;
  const deadline = last.at + policy.undoWindowMinutes * 60_000;
  return now <= deadline ? { move: last.move, deadline } : undefined;
}

/**
 * Takes back a token's last move (DESIGN.md §3b, Undo): the token returns to the status it left, a
 * call back to its place in the queue, a skip back to CALLED. An undo is an event of its own and is
 * never undone. Refused, nothing changed, when the result would break a rule of the day: the place
 * was taken meanwhile, the patient holds something else there, the slot has ended or a more urgent
 * patient waits (for a check-in taken back), or another patient is in the room (for a call).
 *
 * @example cancelled by mistake at 09:02, undone at 09:05 while the slot still has room → the
 * token is ALLOCATED again, same number and slot.
 */
export function undoLastTransition(
  day: DoctorDay,
  tokenId: string,
  ctx: Context,
): Result<TokenOutcome> {
  const token = day.tokens.find((t) => t.id === tokenId);
  if (!token) return fail({ code: 'TOKEN_NOT_FOUND', tokenId });
  const reason = undoRefusal(day, token, ctx);
  if (reason) return fail({ code: 'UNDO_REFUSED', tokenId, reason });
  const last = token.lastTransition as TokenTransition; // undoRefusal saw it
  const change = new DayChange(day, ctx);
  change.emit({
    type: 'TransitionUndone',
    tokenId,
    move: last.move,
    from: last.to,
    to: last.from,
  });
  const after = change.day.tokens.find((t) => t.id === tokenId) as Token;
  // An undo only ever takes a place back, never frees one: nothing to promote.
  return ok({ ...change.result(), token: after, promoted: [] });
}

function undoRefusal(day: DoctorDay, token: Token, ctx: Context): UndoRefusalReason | undefined {
  const last = token.lastTransition;
  if (!last) return 'NOTHING_TO_UNDO';
  if (last.undo) return 'ALREADY_UNDONE';
  if (!undoableMove(token, ctx.now, ctx.policy)) return 'WINDOW_PASSED';

  const inRoom = calledToken(day);
  if (last.from === 'CALLED' && inRoom && inRoom.id !== token.id) return 'ANOTHER_CALLED';

  const slot = day.slots.find((s) => s.id === token.slotId);
  if (last.to === 'CANCELLED' || last.to === 'NO_SHOW') {
    // A cancelled or no-show token comes back only into a free place, as the patient's one hold.
    if (!slot || occupancy(day, slot.id) >= slot.capacity) return 'PLACE_TAKEN';
    if (holdsAnother(day, token)) return 'PATIENT_HOLDS_ANOTHER';
  }
  if (last.move === 'CHECK_IN') {
    // Back to ALLOCATED means preemptable again: not in an ended slot, nor below someone waiting.
    if (!slot || !isLive(slot, ctx.now)) return 'SLOT_ENDED';
    if (waitingEntries(day).some((e) => e.priority > token.priority)) return 'OUTRANKED';
  }
  return undefined;
}

function holdsAnother(day: DoctorDay, token: Token): boolean {
  return (
    day.tokens.some((t) => t.id !== token.id && t.patientId === token.patientId && isHeld(t)) ||
    day.waitlist.some((e) => e.patientId === token.patientId && e.status === 'WAITING')
  );
}
