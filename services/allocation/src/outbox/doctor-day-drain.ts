import type { Batcher } from './batcher.js';
import type { DoctorDayClaims } from './doctor-day-claims.js';
import type { DoctorDayMemory } from './doctor-day-memory.js';
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
  /** Told what each drain published and marked (or found marked). */
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
 * whatever fails in between), reading on while more arrive, and mark each acknowledged event
 * published. The claim is kept for the day's next drain or given back only after the marks are
 * written, so the next drain, here or in another relay, starts after them. Many doctor-days
 * drain side by side; their publishes are in flight together and their reads and marks share
 * round trips.
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
      for (let after = 0; !failed && !ctx.stopping();) {
        this.#more = false;
        // Sequences known now were committed before the read below takes its snapshot.
        const known = this.#known;
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
          marks.push(ctx.marks.submit(event.id));
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
      // The database failed: whatever was acknowledged is published again later, and
      // JetStream drops the copies by their message id.
      failed = true;
      ctx.logger.error({ doctorDayId: day, err: describeError(error) }, 'outbox read failed');
      return { kind: 'failed', published };
    } finally {
      const marked = await Promise.all(marks).then(
        () => {
          ctx.memory.publishedUpTo(day, Math.max(acked, clean));
          return true;
        },
        (error: unknown) => {
          // Forget the day, so that the next look reads its unmarked rows again.
          ctx.memory.forget(day);
          ctx.logger.warn(
            { doctorDayId: day, err: describeError(error) },
            'marking events published failed; they will be published again and dropped as copies',
          );
          return false;
        },
      );
      // The marks are written: the day's next drain, here or in another relay, reads after
      // them. After a failure another relay may do better; otherwise keep the claim.
      if (failed || !marked) await ctx.claims.release(day).catch(() => undefined);
      else ctx.claims.keep(day);
    }
  }
}
