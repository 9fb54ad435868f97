import { LRUCache } from 'lru-cache';
import type { DayView } from './day-view.js';
import type { DoctorOfDay } from './day-work.js';

/**
 * A doctor-day as this process last committed or read it. Batches write through it, so on a
 * busy day the rows are read once rather than once per request. It is only ever trusted under
 * the day's row lock, when the row's event sequence says nothing changed since (another
 * instance, a schedule change or the sweeper moves the sequence on; every change emits an event).
 */
export interface CachedDay {
  readonly view: DayView;
  readonly doctor: DoctorOfDay;
  /** The maps of `view`, which a batch extends in place (and drops the entry if it fails). */
  readonly names: Map<string, string>;
  readonly notes: Map<string, string>;
  readonly cancelReasons: Map<string, string>;
}

export class DayCache {
  private readonly days: LRUCache<string, CachedDay>;

  constructor(maxDays: number) {
    this.days = new LRUCache({ max: Math.max(1, maxDays) });
  }

  get(key: string): CachedDay | undefined {
    return this.days.get(key);
  }

  set(key: string, day: CachedDay): void {
    this.days.set(key, day);
  }

  /** After a failed or uncertain write: the next batch reads the day again. */
  forget(key: string): void {
    this.days.delete(key);
  }
}
