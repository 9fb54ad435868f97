import {
  TokenMove,
  type TokenRecalled,
  type TokenSkipped,
  type TokenTransferred,
  type TokenTransitionUndone,
} from '@opd/api';
import { statusName } from './names.js';
import { ProjectionError } from './projection-error.js';
import type { TokenRow } from './rows.js';
import { movedToken } from './token-reducer.js';

// What the doctor's room does to a token (DESIGN §3b). A call stamps its moment through
// movedToken like any status change; the rest is here.

/**
 * The called token announced again. The count is the one the event carries ("this one
 * included"): the allocation service keeps it, so the read model agrees with it by taking it.
 */
export function recalledToken(token: TokenRow, recalled: TokenRecalled): TokenRow {
  return { ...token, recallCount: count(recalled.recallCount, 'token_recalled.recall_count') };
}

/**
 * The called token back in the queue, skipped. The call's moment stays: an undone skip makes
 * the token CALLED again by that same call, and a later call replaces it.
 */
export function skippedToken(token: TokenRow, skipped: TokenSkipped): TokenRow {
  return {
    ...token,
    status: 'CHECKED_IN',
    skipCount: count(skipped.skipCount, 'token_skipped.skip_count'),
  };
}

/** The token left for another doctor-day; the patient's new token is that day's event. */
export function transferredToken(token: TokenRow, transferred: TokenTransferred): TokenRow {
  const at = 'token_transferred.transfer_time';
  return {
    ...movedToken(token, 'TRANSFERRED', transferred.transferTime, at),
    transferredToTokenId: transferred.toTokenId || null,
  };
}

/**
 * The token back in the status its last move left, without what that move set: an undone
 * check-in loses its check-in time, an undone call its call time, an undone completion, cancel
 * or no-show its moment; an undone skip is CALLED again by the call it had and has one skip
 * fewer. Counts of calls and recalls stay: those announcements happened.
 *
 * @example an undone call
 * undoneToken({ ...token, status: 'CALLED', callTime }, { move: CALL, toStatus: CHECKED_IN })
 *   // → { ...token, status: 'CHECKED_IN', callTime: null }
 */
export function undoneToken(token: TokenRow, undone: TokenTransitionUndone): TokenRow {
  const status = statusName(undone.toStatus);
  if (status === undefined) {
    throw new ProjectionError('token_transition_undone.to_status is not a known status');
  }
  return { ...token, ...cleared(token, undone.move), status };
}

function cleared(token: TokenRow, move: TokenMove): Partial<TokenRow> {
  switch (move) {
    case TokenMove.TOKEN_MOVE_CHECK_IN:
      return { checkInTime: null };
    case TokenMove.TOKEN_MOVE_CALL:
      return { callTime: null };
    case TokenMove.TOKEN_MOVE_SKIP:
      return { skipCount: Math.max(0, token.skipCount - 1) };
    case TokenMove.TOKEN_MOVE_COMPLETE:
      return { completeTime: null, completedFromCall: false };
    case TokenMove.TOKEN_MOVE_CANCEL:
      return { cancelTime: null };
    case TokenMove.TOKEN_MOVE_NO_SHOW:
      return { noShowTime: null };
    default:
      throw new ProjectionError('token_transition_undone.move is not a move that can be undone');
  }
}

function count(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ProjectionError(`${field} must be 1 or more`);
  }
  return value;
}
