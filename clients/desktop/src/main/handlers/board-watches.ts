// Live boards: one WatchDoctorDay stream per watch (changes only: a busy day's board travels
// once, then only the rows that changed), pushed to the renderer as full snapshots
// (a board for the counter and the room, a room view without names for the waiting-room
// display). A broken stream is reopened with back-off (its first message is again a full
// board), and every stream has a deadline: when it passes, the stream is simply reopened.
import { status } from '@grpc/grpc-js';
import { boardAfter, type DoctorDayBoard } from '@opd/api';
import type { DoctorDayRef } from '../../shared/ipc-contract.js';
import type { HandlerDeps } from './deps.js';
import { toIpcError } from './ipc-error.js';
import { boardView, roomDisplayView } from './to-view.js';

/** What a watch pushes for each snapshot. */
export type WatchKind = 'board' | 'room';

/** Codes after which reopening the same stream cannot succeed. */
const FINAL = new Set<number>([
  status.NOT_FOUND,
  status.INVALID_ARGUMENT,
  status.PERMISSION_DENIED,
  status.UNAUTHENTICATED,
  status.UNIMPLEMENTED,
]);

const codeOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
    ? error.code
    : undefined;

/** 250 ms doubling to 5 s. */
export const backoffMs = (attempt: number): number => Math.min(5_000, 250 * 2 ** attempt);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export class BoardWatches {
  private readonly watches = new Map<string, AbortController>();

  constructor(private readonly deps: HandlerDeps) {}

  watch(ref: DoctorDayRef, kind: WatchKind = 'board'): { watchId: string } {
    const watchId = this.deps.newId();
    const controller = new AbortController();
    this.watches.set(watchId, controller);
    const { emit } = this.deps;
    const publish =
      kind === 'board'
        ? (board: DoctorDayBoard) => emit('onBoardUpdate', { watchId, board: boardView(board) })
        : (board: DoctorDayBoard) =>
            emit('onRoomUpdate', { watchId, room: roomDisplayView(board) });
    void this.follow(watchId, ref, controller.signal, publish).finally(() =>
      this.watches.delete(watchId),
    );
    return { watchId };
  }

  unwatch(watchId: string): void {
    this.watches.get(watchId)?.abort();
    this.watches.delete(watchId);
  }

  /** Ends every watch (window closed, app quitting, test over). */
  closeAll(): void {
    for (const controller of this.watches.values()) controller.abort();
    this.watches.clear();
  }

  get size(): number {
    return this.watches.size;
  }

  private async follow(
    watchId: string,
    ref: DoctorDayRef,
    signal: AbortSignal,
    publish: (board: DoctorDayBoard) => void,
  ): Promise<void> {
    const { clients, emit, settings } = this.deps;
    let attempt = 0;
    let lastSequence = -1;
    while (!signal.aborted) {
      try {
        const stream = clients.allocation.watchDoctorDay(
          { doctorId: ref.doctorId, date: ref.date, changesOnly: true },
          { signal, timeoutMs: settings.watchRefreshMs },
        );
        // The stream sends the board once, then what changed; the renderer always gets boards.
        let held: DoctorDayBoard | undefined;
        for await (const message of stream) {
          const board = boardAfter(held, message);
          if (!board) throw new Error('a board change for a board this watch does not hold');
          held = board;
          if (attempt > 0 || lastSequence < 0) {
            emit('onBoardStatus', { watchId, state: 'live', error: null });
          }
          attempt = 0;
          // Snapshots only move forward; a reopened stream may resend the current board.
          if (board.sequence < lastSequence) continue;
          lastSequence = board.sequence;
          publish(board);
        }
      } catch (error) {
        if (signal.aborted) return;
        const code = codeOf(error);
        const error_ = toIpcError(error, { service: 'allocation' });
        if (code !== undefined && FINAL.has(code)) {
          emit('onBoardStatus', { watchId, state: 'failed', error: error_ });
          return;
        }
        // A passed deadline is the planned refresh: reopen at once, without alarming anyone.
        if (code === status.DEADLINE_EXCEEDED) continue;
        emit('onBoardStatus', { watchId, state: 'reconnecting', error: error_ });
      }
      await sleep(backoffMs(attempt), signal);
      attempt += 1;
    }
  }
}
