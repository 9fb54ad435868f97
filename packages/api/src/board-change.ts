// The change between two versions of a doctor-day's board (WatchDoctorDay with changes_only):
// made by the server from boards whose rows it has encoded once, applied by clients to the
// board they hold. Applying the change made from A to B to A gives B exactly.
import { Slot, type DoctorDayBoard, type DoctorDayBoardChange } from './gen/opd/v1/board.js';
import { Token, WaitlistEntry } from './gen/opd/v1/token.js';
import type { WatchDoctorDayResponse } from './gen/opd/v1/allocation_service.js';

/** A board with each of its rows encoded, so two versions are compared byte for byte. */
export interface BoardRows {
  readonly board: DoctorDayBoard;
  readonly slots: ReadonlyMap<string, Uint8Array>;
  readonly tokens: ReadonlyMap<string, Uint8Array>;
  readonly waitlistEntries: ReadonlyMap<string, Uint8Array>;
}

/**
 * Encodes every row of a board. Rows equal to the previous version's keep its bytes, so
 * versions held side by side share what did not change.
 */
export function boardRows(board: DoctorDayBoard, previous?: BoardRows): BoardRows {
  return {
    board,
    slots: encodeRows(board.slots, (s) => s.slotId, Slot, previous?.slots),
    tokens: encodeRows(board.tokens, (t) => t.tokenId, Token, previous?.tokens),
    waitlistEntries: encodeRows(
      board.waitlistEntries,
      (e) => e.waitlistEntryId,
      WaitlistEntry,
      previous?.waitlistEntries,
    ),
  };
}

/** What a client holding `from` needs to hold `to`. */
export function boardChange(from: BoardRows, to: BoardRows): DoctorDayBoardChange {
  const slots = diff(from.slots, to.slots);
  const tokens = diff(from.tokens, to.tokens);
  const entries = diff(from.waitlistEntries, to.waitlistEntries);
  return {
    fromSequence: from.board.sequence,
    sequence: to.board.sequence,
    slots: to.board.slots.filter((s) => slots.changed.has(s.slotId)),
    removedSlotIds: slots.removed,
    tokens: to.board.tokens.filter((t) => tokens.changed.has(t.tokenId)),
    removedTokenIds: tokens.removed,
    waitlistEntries: to.board.waitlistEntries.filter((e) => entries.changed.has(e.waitlistEntryId)),
    removedWaitlistEntryIds: entries.removed,
    doctorDisplayName: to.board.doctorDisplayName,
    room: to.board.room,
    consultationMinutes: to.board.consultationMinutes,
    roomQueueTokenIds: to.board.roomQueueTokenIds,
    calledTokenId: to.board.calledTokenId,
    timeZone: to.board.timeZone,
  };
}

/**
 * The board after a change, or undefined when the change was made for another version than
 * the one held (the client then asks for a complete board by watching again).
 */
export function applyBoardChange(
  board: DoctorDayBoard,
  change: DoctorDayBoardChange,
): DoctorDayBoard | undefined {
  if (change.fromSequence !== board.sequence) return undefined;
  return {
    ...board,
    sequence: change.sequence,
    slots: merge(board.slots, change.slots, change.removedSlotIds, (s) => s.slotId).sort(
      (a, b) =>
        (a.startTime?.getTime() ?? 0) - (b.startTime?.getTime() ?? 0) ||
        a.slotId.localeCompare(b.slotId),
    ),
    tokens: merge(board.tokens, change.tokens, change.removedTokenIds, (t) => t.tokenId).sort(
      (a, b) => a.tokenNumber - b.tokenNumber,
    ),
    waitlistEntries: merge(
      board.waitlistEntries,
      change.waitlistEntries,
      change.removedWaitlistEntryIds,
      (e) => e.waitlistEntryId,
    ).sort((a, b) => a.position - b.position),
    doctorDisplayName: change.doctorDisplayName,
    room: change.room,
    consultationMinutes: change.consultationMinutes,
    roomQueueTokenIds: change.roomQueueTokenIds,
    calledTokenId: change.calledTokenId,
    timeZone: change.timeZone,
  };
}

/**
 * The board a watcher holds after one WatchDoctorDay message: the complete board it carries, or
 * its change applied to the board held; undefined when it cannot be had from what is held.
 */
export function boardAfter(
  held: DoctorDayBoard | undefined,
  update: Pick<WatchDoctorDayResponse, 'board' | 'boardChange'>,
): DoctorDayBoard | undefined {
  if (update.board) return update.board;
  return held && update.boardChange ? applyBoardChange(held, update.boardChange) : undefined;
}

interface Encoder<T> {
  encode(message: T): { finish(): Uint8Array };
}

function encodeRows<T>(
  rows: readonly T[],
  idOf: (row: T) => string,
  encoder: Encoder<T>,
  previous: ReadonlyMap<string, Uint8Array> | undefined,
): ReadonlyMap<string, Uint8Array> {
  const encoded = new Map<string, Uint8Array>();
  for (const row of rows) {
    const id = idOf(row);
    const bytes = encoder.encode(row).finish();
    const before = previous?.get(id);
    encoded.set(id, before && sameBytes(before, bytes) ? before : bytes);
  }
  return encoded;
}

function diff(
  from: ReadonlyMap<string, Uint8Array>,
  to: ReadonlyMap<string, Uint8Array>,
): { changed: Set<string>; removed: string[] } {
  const changed = new Set<string>();
  for (const [id, bytes] of to) {
    const before = from.get(id);
    if (!before || !sameBytes(before, bytes)) changed.add(id);
  }
  const removed = [...from.keys()].filter((id) => !to.has(id));
  return { changed, removed };
}

function merge<T>(
  rows: readonly T[],
  changed: readonly T[],
  removed: readonly string[],
  idOf: (row: T) => string,
): T[] {
  const byId = new Map(rows.map((row) => [idOf(row), row]));
  for (const id of removed) byId.delete(id);
  for (const row of changed) byId.set(idOf(row), row);
  return [...byId.values()];
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
