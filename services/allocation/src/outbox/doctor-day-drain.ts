import type { Batcher } from './batcher.js';
import type { DoctorDayClaims } from './doctor-day-claims.js';
import type { EventPublisher } from './event-publisher.js';
import { describeError, type RelayLogger } from './logger.js';
import type { EventRead, PendingEvent } from './outbox-store.js';

/** What a drain needs from the relay around it. */
export interface DrainContext {
  readonly claims: DoctorDayClaims;
  /** Reads a doctor-day's next unpublished events (batched with other days' reads). */
  readonly reads: Batcher<EventRead, PendingEvent[]>;
  /** Marks an acknowledged event published (batched with other events' marks). */
  readonly marks: Batcher<string, void>;
  readonly publisher: EventPublisher;
  readonly logger: RelayLogger;
  readonly stopping: () => boolean;
}

export type DrainOutcome =
  | { readonly kind: 'held elsewhere' }
  | { readonly kind: 'drained'; readonly published: number }
  /** A publish or the database failed: the doctor-day should wait before it is tried again. */
  | { readonly kind: 'failed'; readonly published: number };

/**
 * One doctor-day's turn: claim it, then publish its unpublished events in sequence order, each
 * one only after JetStream acknowledged the one before (so the stream holds the day in order
 * whatever fails in between), reading on while more arrive, and mark each acknowledged event
 * published. The claim is given back only after the marks are written, so the next holder
 * starts after them. Many doctor-days drain side by side; their publishes are in flight
 * together and their reads and marks share round trips.
 */
export class DoctorDayDrain {
  readonly doctorDayId: string;
  /** The last sequence this drain has read; notifications beyond it mean more to read. */
  #readUpTo = 0;
  #more = false;

  constructor(doctorDayId: string) {
    this.doctorDayId = doctorDayId;
  }

  /** Whether events were committed after this drain last read (it should run again). */
  hasMore(): boolean {
    return this.#more;
  }

  /** More events of the day were committed, up to `sequence` if known. */
  notify(sequence?: number): void {
    if (sequence === undefined || sequence > this.#readUpTo) this.#more = true;
  }

  async run(ctx: DrainContext, batchSize: number): Promise<DrainOutcome> {
    const day = this.doctorDayId;
    let claimed: boolean;
    try {
      claimed = await ctx.claims.claim(day);
    } catch (error) {
      ctx.logger.warn({ doctorDayId: day, err: describeError(error) }, 'cannot claim a doctor-day');
      return { kind: 'failed', published: 0 };
    }
    if (!claimed) return { kind: 'held elsewhere' };
    let published = 0;
    let failed = false;
    const marks: Promise<void>[] = [];
    try {
      for (let after = 0; !failed && !ctx.stopping();) {
        this.#more = false;
        const events = await ctx.reads.submit({ doctorDayId: day, after });
        for (const event of events) {
          this.#readUpTo = Math.max(this.#readUpTo, event.sequence);
          if (after > 0 && event.sequence !== after + 1) {
            // Cannot happen while writers number events under the doctor-day lock; if it
            // does, publishing past the gap would break the order consumers rely on.
            ctx.logger.warn(
              { doctorDayId: day, sequence: event.sequence, after },
              'gap in outbox sequence; waiting for the missing event',
            );
            return { kind: 'drained', published };
          }
          if (ctx.stopping() || !(await ctx.publisher.publish(event))) {
            failed = !ctx.stopping();
            break;
          }
          const mark = ctx.marks.submit(event.id);
          // Awaited in `finally`; handled now, so a mark that fails while later events are
          // still publishing is not an unhandled rejection (which ends the process).
          mark.catch(() => undefined);
          marks.push(mark);
          published += 1;
          after = event.sequence;
        }
        if (events.length < batchSize && !this.#more) break;
      }
      return { kind: failed ? 'failed' : 'drained', published };
    } catch (error) {
      // The database failed: whatever was acknowledged is published again later, and
      // JetStream drops the copies by their message id.
      ctx.logger.error({ doctorDayId: day, err: describeError(error) }, 'outbox read failed');
      return { kind: 'failed', published };
    } finally {
      await Promise.all(marks).catch((error: unknown) => {
        ctx.logger.warn(
          { doctorDayId: day, err: describeError(error) },
          'marking events published failed; they will be published again and dropped as copies',
        );
      });
      await ctx.claims.release(day).catch(() => undefined);
    }
  }
}
