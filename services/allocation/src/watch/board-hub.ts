import type { CommandEnv } from '../commands/command-env.js';
import type { DayView } from '../commands/day-view.js';
import { OutboxEvent } from '../db/entities/index.js';
import { doctorDayView } from '../queries/board.js';
import type { DoctorDayChanges } from './doctor-day-changes.js';

/**
 * How a live board travels, given by grpc/. A snapshot is one version of a day's board, read
 * and encoded once per change however many watch it; a watcher gets from it either the
 * complete board or, with changes only, what changed since the version it holds. Messages
 * are encoded protobuf, and concatenated messages make one message with all their fields, so a
 * board or change and the events that made it travel as one message.
 */
export interface BoardEncoding<Snapshot> {
  /** The board of a view; `previous` (the version before) lets it share unchanged rows. */
  snapshot(view: DayView, previous: Snapshot | undefined): Snapshot;
  /** A message with the complete board (encoded once per snapshot). */
  board(snapshot: Snapshot): Uint8Array;
  /** A message with what changed from one version to the other. */
  change(from: Snapshot, to: Snapshot): Uint8Array;
  /** A message with one event. */
  event(envelope: Uint8Array): Uint8Array;
  /** Told each time a board is read and encoded (for /metrics). */
  built?: () => void;
}

/** Versions kept to send changes from: a watcher further behind gets the complete board. */
const VERSIONS_KEPT = 8;

interface Watcher {
  /** The sequence of the last board this watcher was sent (-1: none yet). */
  seen: number;
  wake: (() => void) | undefined;
}

interface BoardState<Snapshot> {
  readonly sequence: number;
  readonly snapshot: Snapshot;
  /** Events after the oldest board any watcher still holds, each encoded, in order. */
  readonly events: readonly { readonly sequence: number; readonly bytes: Uint8Array }[];
}

/** One watched doctor-day: read once per change, whoever and however many watch it. */
class WatchedDay<Snapshot> {
  readonly watchers = new Set<Watcher>();
  state: BoardState<Snapshot> | undefined;
  /** Recent versions by sequence (the current one included), to make changes from. */
  private readonly versions = new Map<number, Snapshot>();
  /** Changes to the current version, by the sequence they start from. */
  private changes = new Map<number, Uint8Array>();
  private loading: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly env: CommandEnv,
    private readonly encoding: BoardEncoding<Snapshot>,
    readonly doctorDayId: string,
    private readonly doctorId: string,
    private readonly date: string,
  ) {}

  /** A view read before this day was watched: used until the first refresh lands. */
  adopt(view: DayView): void {
    if (this.state && this.state.sequence >= view.day.eventSequence) return;
    this.advance(view, this.state?.events ?? []);
  }

  /** The message that brings a watcher from the board it holds to the current one. */
  catchUp(state: BoardState<Snapshot>, seen: number, changesOnly: boolean): Uint8Array {
    const from = changesOnly && seen >= 0 ? this.versions.get(seen) : undefined;
    if (from === undefined) return this.encoding.board(state.snapshot);
    let change = this.changes.get(seen);
    if (!change) this.changes.set(seen, (change = this.encoding.change(from, state.snapshot)));
    return change;
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
    const oldest = Math.min(...[...this.watchers].map((w) => w.seen).filter((s) => s >= 0));
    this.advance(view, [
      ...(before?.events ?? []).filter((e) => e.sequence > oldest),
      ...rows.map((r) => ({ sequence: r.sequence, bytes: this.encoding.event(r.payload) })),
    ]);
  }

  private advance(view: DayView, events: BoardState<Snapshot>['events']): void {
    this.encoding.built?.();
    const snapshot = this.encoding.snapshot(view, this.state?.snapshot);
    this.state = { sequence: view.day.eventSequence, snapshot, events };
    this.versions.set(view.day.eventSequence, snapshot);
    for (const sequence of [...this.versions.keys()].slice(0, -VERSIONS_KEPT)) {
      this.versions.delete(sequence);
    }
    this.changes = new Map();
    for (const watcher of this.watchers) watcher.wake?.();
  }
}

/**
 * WatchDoctorDay for every caller of this process: the board now, then after every committed
 * change the new board (or what changed in it) with the events that made it, until the caller
 * goes away. Each watched day is read once per change (fed by commit notifications, never by
 * polling) and encoded once; a slow watcher gets the latest version with every event it
 * missed, folded.
 */
export class BoardHub<Snapshot> {
  private readonly days = new Map<string, WatchedDay<Snapshot>>();

  constructor(
    private readonly env: CommandEnv,
    private readonly changes: DoctorDayChanges,
    private readonly encoding: BoardEncoding<Snapshot>,
  ) {}

  /** How many watchers and watched days this process serves (for /healthz and the bench). */
  load(): { days: number; watchers: number } {
    let watchers = 0;
    for (const day of this.days.values()) watchers += day.watchers.size;
    return { days: this.days.size, watchers };
  }

  async follow(
    signal: AbortSignal,
    watch: { doctorId: string; date: string; changesOnly: boolean },
    send: (message: Uint8Array) => Promise<void>,
  ): Promise<void> {
    const { doctorId, date, changesOnly } = watch;
    const view = await doctorDayView(this.env, doctorId, date);
    if (!view.day.id) {
      await send(this.encoding.board(this.encoding.snapshot(view, undefined)));
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
          const head = day.catchUp(state, watcher.seen, changesOnly);
          await send(Buffer.concat([head, ...missed.map((e) => e.bytes)]));
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
      const watched = new WatchedDay<Snapshot>(
        this.env,
        this.encoding,
        doctorDayId,
        doctorId,
        date,
      );
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
