import type pg from 'pg';
import type { Logger } from '@opd/service-runtime';

/** A doctor-day a commit changed, and its event sequence just after it. */
export interface DayChanged {
  readonly doctorDayId: string;
  readonly sequence: number;
}

/**
 * Committed changes to the doctor-days someone watches. This process's own commits are announced
 * as they happen; changes committed elsewhere (another instance) are found by reading the watched
 * days' event sequences every `pollMs`, one statement for all of them, and only while someone
 * watches. No NOTIFY: every NOTIFY queues all committing transactions on one server-wide lock,
 * which halved the booking path's throughput (ADR 0019).
 */
export class DoctorDayChanges {
  private readonly listeners = new Map<string, Set<() => void>>();
  /** The latest sequence each watched day was seen or announced at. */
  private readonly seen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly pool: Pick<pg.Pool, 'query'>,
    private readonly pollMs: number,
    private readonly log: Pick<Logger, 'debug'>,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  /** A commit of this process changed these days. */
  announce(days: readonly DayChanged[]): void {
    for (const { doctorDayId, sequence } of days) this.moved(doctorDayId, sequence);
  }

  /** Calls `listener` after every committed change of the doctor-day; returns the unsubscribe. */
  subscribe(doctorDayId: string, listener: () => void): () => void {
    const set = this.listeners.get(doctorDayId) ?? new Set();
    set.add(listener);
    this.listeners.set(doctorDayId, set);
    return () => {
      set.delete(listener);
      if (set.size > 0) return;
      this.listeners.delete(doctorDayId);
      this.seen.delete(doctorDayId);
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private moved(doctorDayId: string, sequence: number): void {
    const listeners = this.listeners.get(doctorDayId);
    if (!listeners || (this.seen.get(doctorDayId) ?? -1) >= sequence) return;
    this.seen.set(doctorDayId, sequence);
    for (const listener of listeners) listener();
  }

  private async poll(): Promise<void> {
    if (this.polling || this.listeners.size === 0) return;
    this.polling = true;
    try {
      const result = await this.pool.query<{ id: string; event_sequence: string }>({
        name: 'opd_watched_days',
        text: 'select id, event_sequence from doctor_day where id = any($1::uuid[])',
        values: [[...this.listeners.keys()]],
      });
      for (const row of result.rows) this.moved(row.id, Number(row.event_sequence));
    } catch (error) {
      // The next poll tries again; the watchers keep their last board meanwhile.
      this.log.debug({ err: (error as Error).message }, 'could not read watched doctor-days');
    } finally {
      this.polling = false;
    }
  }
}
