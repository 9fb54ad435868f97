import { LRUCache } from 'lru-cache';

interface Remembered {
  /** Every event of the day up to this sequence is on the stream and marked published. */
  published: number;
}

/**
 * What the relay remembers of the doctor-days it has drained, so that a notification or a
 * poll naming a sequence that is published already costs no statement. Only facts that stay
 * true are kept: a sequence is remembered once its event was acknowledged by JetStream and
 * marked published (or found marked by another relay), and events are never unpublished. A
 * day whose marking failed is forgotten, so that the next look finds its rows again. Bounded:
 * the least recently used days are forgotten first, and a forgotten day only costs one read.
 */
export class DoctorDayMemory {
  readonly #days: LRUCache<string, Remembered>;

  constructor(maxDays: number) {
    this.#days = new LRUCache({ max: maxDays });
  }

  /** The sequence up to which the day is known to be published; 0 if nothing is known. */
  published(doctorDayId: string): number {
    return this.#days.get(doctorDayId)?.published ?? 0;
  }

  /** Every event of the day up to `sequence` is acknowledged and marked published. */
  publishedUpTo(doctorDayId: string, sequence: number): void {
    if (sequence <= 0) return;
    const remembered = this.#days.get(doctorDayId);
    if (remembered) remembered.published = Math.max(remembered.published, sequence);
    else this.#days.set(doctorDayId, { published: sequence });
  }

  forget(doctorDayId: string): void {
    this.#days.delete(doctorDayId);
  }
}
