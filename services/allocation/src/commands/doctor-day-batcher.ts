import type { DayWork } from './day-work.js';
import { dayKeyOf } from './doctor-day-identity.js';

/** A doctor-day by what callers name it. */
export interface DayRef {
  readonly doctorId: string;
  readonly date: string;
}

/** A work item waiting for its batch, with the caller's promise to settle. */
export interface Queued {
  readonly work: DayWork<unknown>;
  resolve(answer: unknown): void;
  reject(error: unknown): void;
}

/** Runs one batch of one doctor-day; settles every item it is given, and never throws. */
export type BatchRunner = (day: DayRef, batch: readonly Queued[]) => Promise<void>;

interface Lane {
  readonly day: DayRef;
  readonly waiting: Queued[];
  running: boolean;
}

/**
 * Requests for the same doctor-day in this process are decided together: while one batch holds
 * the day's lock, the next ones queue here, and the queue becomes the next batch (at most
 * `maxBatch`, so a burst never holds the lock for long). A caller who gives up while queued
 * leaves the queue at once. Across instances the doctor-day's row lock stays the guarantee.
 */
export class DoctorDayBatcher {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly runBatch: BatchRunner,
    private readonly maxBatch: number,
  ) {}

  submit<Res>(day: DayRef, work: DayWork<Res>): Promise<Res> {
    const { signal } = work.call;
    return new Promise<Res>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const key = dayKeyOf(day);
      let lane = this.lanes.get(key);
      if (!lane) {
        lane = { day, waiting: [], running: false };
        this.lanes.set(key, lane);
      }
      const onAbort = () => {
        const index = lane.waiting.indexOf(queued);
        if (index < 0) return; // already in a batch, which leaves it out before committing
        lane.waiting.splice(index, 1);
        reject(signal.reason);
      };
      const queued: Queued = {
        work,
        resolve: (answer) => {
          signal.removeEventListener('abort', onAbort);
          resolve(answer as Res);
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      lane.waiting.push(queued);
      if (!lane.running) void this.drain(key, lane);
    });
  }

  /** How many requests wait for their turn, over all doctor-days (for /metrics). */
  queued(): number {
    let count = 0;
    for (const lane of this.lanes.values()) count += lane.waiting.length;
    return count;
  }

  private async drain(key: string, lane: Lane): Promise<void> {
    lane.running = true;
    try {
      while (lane.waiting.length > 0) {
        const batch = lane.waiting.splice(0, this.maxBatch);
        // A runner settles every item; should it ever throw, nobody is left waiting forever.
        await this.runBatch(lane.day, batch).catch((error: unknown) =>
          batch.forEach((queued) => queued.reject(error)),
        );
      }
    } finally {
      lane.running = false;
      if (lane.waiting.length === 0 && this.lanes.get(key) === lane) this.lanes.delete(key);
    }
  }
}
