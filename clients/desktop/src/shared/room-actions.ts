// What the doctor's room can do right now, and why not: the called patient, the room queue in
// the order the service gave it, and the move Ctrl+Z would undo. The service decides (and
// refuses anything else); this lets the room see it before pressing a key. Environment: std.
import type { BoardView, TokenMoveName, TokenView } from './views.js';

export type RoomKey = 'callNext' | 'recall' | 'skip' | 'complete' | 'transfer' | 'undo';

/** Why a room key does nothing now, as data: the renderer words it. */
export type RoomRefusal =
  | { readonly kind: 'alreadyCalled'; readonly tokenNumber: number }
  | { readonly kind: 'queueEmpty' }
  | { readonly kind: 'noneCalled' }
  | { readonly kind: 'nothingToUndo' }
  | { readonly kind: 'notToday' };

export type RoomAvailability =
  { readonly allowed: true } | { readonly allowed: false; readonly refusal: RoomRefusal };

/** The moves the room makes, so the ones its Ctrl+Z undoes (the counter undoes its own). */
export const ROOM_MOVES: ReadonlySet<TokenMoveName> = new Set(['CALL', 'SKIP', 'COMPLETE']);

export interface RoomState {
  readonly called: TokenView | null;
  /** CHECKED_IN tokens, first to be called first. */
  readonly queue: readonly TokenView[];
  /** The token whose room move Ctrl+Z undoes: the latest still inside its undo window. */
  readonly undoable: TokenView | null;
  readonly keys: Readonly<Record<RoomKey, RoomAvailability>>;
}

const ok: RoomAvailability = { allowed: true };
const not = (refusal: RoomRefusal): RoomAvailability => ({ allowed: false, refusal });

/**
 * The room's state from its board. `transferTarget` is the token a transfer would move: a
 * queue row the doctor moved to, else the called patient.
 *
 * @example a board with token 7 CALLED and 8, 9 waiting → callNext refused
 *   ({ kind: 'alreadyCalled', tokenNumber: 7 }), recall/skip/complete allowed on 7.
 */
export function roomState(
  board: BoardView,
  now: Date,
  today: string,
  transferTarget: TokenView | null = null,
): RoomState {
  const byId = new Map(board.tokens.map((t) => [t.tokenId, t]));
  const called = board.calledTokenId ? (byId.get(board.calledTokenId) ?? null) : null;
  const queue = board.roomQueue.flatMap((id) => {
    const token = byId.get(id);
    return token && token.status === 'CHECKED_IN' ? [token] : [];
  });
  const undoable =
    board.tokens
      .filter(
        (t) =>
          t.undoableMove !== null &&
          ROOM_MOVES.has(t.undoableMove) &&
          t.undoableUntil !== null &&
          Date.parse(t.undoableUntil) >= now.getTime(),
      )
      .sort((a, b) => Date.parse(b.undoableUntil ?? '') - Date.parse(a.undoableUntil ?? ''))[0] ??
    null;
  // Room operations belong to the doctor-day's own date (§3b).
  const closed = board.date !== today ? not({ kind: 'notToday' }) : null;
  const onCalled = closed ?? (called ? ok : not({ kind: 'noneCalled' }));
  const callNext =
    closed ??
    (called
      ? not({ kind: 'alreadyCalled', tokenNumber: called.tokenNumber })
      : queue.length === 0
        ? not({ kind: 'queueEmpty' })
        : ok);
  return {
    called,
    queue,
    undoable,
    keys: {
      callNext,
      recall: onCalled,
      skip: onCalled,
      complete: onCalled,
      transfer: transferTarget || called ? ok : not({ kind: 'noneCalled' }),
      undo: undoable ? ok : not({ kind: 'nothingToUndo' }),
    },
  };
}

/**
 * The board with one token as a room call answered it, until the live board's next snapshot
 * (a higher sequence) replaces it: the next key acts on what the room just did, not on a
 * board a few milliseconds old.
 */
export function withToken(board: BoardView, token: TokenView): BoardView {
  if (!board.tokens.some((t) => t.tokenId === token.tokenId)) return board;
  const tokens = board.tokens.map((t) => (t.tokenId === token.tokenId ? token : t));
  const others = board.roomQueue.filter((id) => id !== token.tokenId);
  const inQueue = board.roomQueue.includes(token.tokenId);
  const calledTokenId =
    token.status === 'CALLED'
      ? token.tokenId
      : board.calledTokenId === token.tokenId
        ? null
        : board.calledTokenId;
  let roomQueue: readonly string[] = others;
  if (token.status === 'CHECKED_IN' && !inQueue) {
    // Back in the queue at the place the service gave it (an undone call), else at the end.
    const at = token.queuePlace > 0 ? Math.min(token.queuePlace - 1, others.length) : others.length;
    roomQueue = [...others.slice(0, at), token.tokenId, ...others.slice(at)];
  } else if (token.status === 'CHECKED_IN') roomQueue = board.roomQueue;
  return { ...board, tokens, roomQueue, calledTokenId };
}
