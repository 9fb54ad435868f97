import type { CommandEnv } from '../commands/command-env.js';
import type { DayView } from '../commands/day-view.js';
import { OutboxEvent } from '../db/entities/index.js';
import { doctorDayView } from '../queries/board.js';
import type { DoctorDayChanges } from './doctor-day-changes.js';

/**
 * How a live board travels, given by grpc/: a board message with no events, and one event as a
 * message of its own. Encoded protobuf messages concatenate into one message with both, so a
 * board is encoded once per change however many watch it.
 */
export interface BoardEncoding {
  board(view: DayView): Uint8Array;
  event(envelope: Uint8Array): Uint8Array;
  /** Told each time a board is read and encoded (for /metrics). */
  built?: () => void;
}

interface Watcher {
  /** The sequence of the last board this watcher was sent (-1: none yet). */
  seen: number;
  wake: (() => void) | undefined;
}

interface BoardState {
  readonly sequence: number;
  readonly board: Uint8Array;
  /** Events after the oldest board any watcher still holds, each encoded, in order. */
  readonly events: readonly { readonly sequence: number; readonly bytes: Uint8Array }[];
}

/** One watched doctor-day: read once per change, whoever and however many watch it. */
class WatchedDay {
  readonly watchers = new Set<Watcher>();
  state: BoardState | undefined;
  private loading: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly env: CommandEnv,
    private readonly encoding: BoardEncoding,
    readonly doctorDayId: string,
    private readonly doctorId: string,
    private readonly date: string,
  ) {}

  /** A view read before this day was watched: used until the first refresh lands. */
  adopt(view: DayView): void {
    if (this.state && this.state.sequence >= view.day.eventSequence) return;
    this.encoding.built?.();
    this.state = {
      sequence: view.day.eventSequence,
      board: this.encoding.board(view),
      events: this.state?.events ?? [],
    };
    this.wakeAll();
  }

  /** A change was committed: read the day again (once, however many changes queue meanwhile). */
  refresh(): void {
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        await this.load();
      } while (this.again);
    })()
      .catch(() => undefined) // the next change, or the watchers' reconnect, tries again
      .finally(() => (this.loading = undefined));
  }

  private async load(): Promise<void> {
    const view = await doctorDayView(this.env, this.doctorId, this.date);
    const before = this.state;
    if (before && view.day.eventSequence <= before.sequence) return;
    const from = before?.sequence ?? view.day.eventSequence;
    const rows = await this.env.orm.em
      .fork()
      .find(
        OutboxEvent,
        { doctorDayId: this.doctorDayId, sequence: { $gt: from, $lte: view.day.eventSequence } },
        { orderBy: { sequence: 'asc' } },
      );
    this.encoding.built?.();
    const oldest = Math.min(...[...this.watchers].map((w) => w.seen).filter((s) => s >= 0));
    this.state = {
      sequence: view.day.eventSequence,
      board: this.encoding.board(view),
      events: [
        ...(before?.events ?? []).filter((e) => e.sequence > oldest),
        ...rows.map((r) => ({ sequence: r.sequence, bytes: this.encoding.event(r.payload) })),
      ],
    };
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const watcher of this.watchers) watcher.wake?.();
  }
}

/**
 * WatchDoctorDay for every caller of this process: the board now, then after every committed
 * change the new board with the events that made it, until the caller goes away. Each watched
 * day is read once per change (fed by commit notifications, never by polling) and its board
 * encoded once; a slow watcher gets the latest board with every event it missed, folded.
 */
export class BoardHub {
  private readonly days = new Map<string, WatchedDay>();

  constructor(
    private readonly env: CommandEnv,
    private readonly changes: DoctorDayChanges,
    private readonly encoding: BoardEncoding,
  ) {}

  /** How many watchers and watched days this process serves (for /healthz and the bench). */
  load(): { days: number; watchers: number } {
    let watchers = 0;
    for (const day of this.days.values()) watchers += day.watchers.size;
    return { days: this.days.size, watchers };
  }

  async follow(
    signal: AbortSignal,
    doctorId: string,
    date: string,
    send: (message: Uint8Array) => Promise<void>,
  ): Promise<void> {
    const view = await doctorDayView(this.env, doctorId, date);
    if (!view.day.id) {
      await send(this.encoding.board(view));
      return; // a past day that never opened will not change
    }
    const { day, unsubscribe } = this.watch(view.day.id, doctorId, date);
    day.adopt(view);
    const watcher: Watcher = { seen: -1, wake: undefined };
    day.watchers.add(watcher);
    try {
      while (!signal.aborted) {
        const state = day.state;
        if (state && state.sequence > watcher.seen) {
          const missed =
            watcher.seen < 0 ? [] : state.events.filter((e) => e.sequence > watcher.seen);
          await send(Buffer.concat([state.board, ...missed.map((e) => e.bytes)]));
          watcher.seen = state.sequence;
          continue;
        }
        await new Promise<void>((resolve) => {
          watcher.wake = resolve;
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        watcher.wake = undefined;
      }
    } finally {
      day.watchers.delete(watcher);
      if (day.watchers.size === 0) unsubscribe();
    }
  }

  private watch(doctorDayId: string, doctorId: string, date: string) {
    let day = this.days.get(doctorDayId);
    if (!day) {
      const watched = new WatchedDay(this.env, this.encoding, doctorDayId, doctorId, date);
      const stop = this.changes.subscribe(doctorDayId, () => watched.refresh());
      this.days.set(doctorDayId, watched);
      this.stops.set(doctorDayId, stop);
      // A change between the first read and the subscription must not be missed.
      watched.refresh();
      day = watched;
    }
    const unsubscribe = () => {
      if (day.watchers.size > 0 || this.days.get(doctorDayId) !== day) return;
      this.days.delete(doctorDayId);
      this.stops.get(doctorDayId)?.();
      this.stops.delete(doctorDayId);
    };
    return { day, unsubscribe };
  }

  private readonly stops = new Map<string, () => void>();
}
