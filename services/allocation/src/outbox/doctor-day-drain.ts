import type { Batcher } from './batcher.js';
import type { DoctorDayClaims } from './doctor-day-claims.js';
import type { MarkQueue } from './mark-queue.js';
import type { DoctorDayMemory } from './doctor-day-memory.js';
import type { EventPublisher } from './event-publisher.js';
import { describeError, type RelayLogger } from './logger.js';
import type { EventRead, PendingEvent } from './outbox-store.js';

/** What a drain needs from the relay around it. */
export interface DrainContext {
  readonly claims: DoctorDayClaims;
  /** Reads a doctor-day's next unpublished events (batched with other days' reads). */
  readonly reads: Batcher<EventRead, PendingEvent[]>;
  /** Marks acknowledged events published (batched with other events' and days' marks). */
  readonly marks: MarkQueue;
  readonly publisher: EventPublisher;
  /** Where each day's next read starts, and what each drain published (or found published). */
  readonly memory: DoctorDayMemory;
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
 * whatever fails in between), reading on while more arrive, and queue each acknowledged
 * event's mark. Reads start after the last sequence this relay knows is on the stream, so the
 * day's next drain need not wait for the marks; the claim is kept for that next drain, and is
 * given back (to another relay) only once the marks are written, so its next holder reads
 * after them. Many doctor-days drain side by side; their publishes are in flight together and
 * their reads and marks share round trips.
 */
export class DoctorDayDrain {
  readonly doctorDayId: string;
  /** The last sequence this drain has read; notifications beyond it mean more to read. */
  #readUpTo = 0;
  /** The highest sequence the relay was told of (committed before it was told). */
  #known = 0;
  #more = false;

  /** `sequence`: the day's last sequence, if the notification that started it named one. */
  constructor(doctorDayId: string, sequence?: number) {
    this.doctorDayId = doctorDayId;
    this.#known = sequence ?? 0;
  }

  /** Whether events were committed after this drain last read (it should run again). */
  hasMore(): boolean {
    return this.#more;
  }

  /** More events of the day were committed, up to `sequence` if known. */
  notify(sequence?: number): void {
    if (sequence !== undefined) this.#known = Math.max(this.#known, sequence);
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
    /** The last sequence acknowledged in this drain. */
    let acked = 0;
    /** Every event up to here was published when the last read found no more. */
    let clean = 0;
    const marks: Promise<void>[] = [];
    try {
      // Events up to the remembered sequence are on the stream, marked or being marked.
      let after = ctx.memory.published(day);
      while (!failed && !ctx.stopping()) {
        this.#more = false;
        // Sequences known now were committed before the read below takes its snapshot.
        const known = this.#known;
        const events = await ctx.reads.submit({ doctorDayId: day, after });
        for (const event of events) {
          this.#readUpTo = Math.max(this.#readUpTo, event.sequence);
          if (acked > 0 && event.sequence !== acked + 1) {
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
          const mark = ctx.marks.add(event.id, new Date());
          // Awaited in `finally`; handled now, so a mark that fails while later events are
          // still publishing is not an unhandled rejection (which ends the process).
          mark.catch(() => undefined);
          marks.push(mark);
          published += 1;
          acked = after = event.sequence;
        }
        if (events.length < batchSize && !this.#more) {
          // The read found every unpublished event up to `known`, and each went out.
          if (!failed && !ctx.stopping()) clean = known;
          break;
        }
      }
      return { kind: failed ? 'failed' : 'drained', published };
    } catch (error) {
      // The database failed: the events acknowledged so far are marked once it is back.
      failed = true;
      ctx.logger.error({ doctorDayId: day, err: describeError(error) }, 'outbox read failed');
      return { kind: 'failed', published };
    } finally {
      // Marks are written (retried until they are) while this process lives.
      ctx.memory.publishedUpTo(day, Math.max(acked, clean));
      // After a failure another relay may do better: give the claim back once the marks are
      // written; otherwise keep it for the day's next drain.
      ctx.claims.done(day, Promise.all(marks), { giveBack: failed });
    }
  }
}
