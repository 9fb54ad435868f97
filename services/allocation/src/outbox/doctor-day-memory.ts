import { LRUCache } from 'lru-cache';

interface Remembered {
  /** Every event of the day up to this sequence is on the stream, marked or being marked. */
  published: number;
  /** Another relay held the day's claim; its notifications are left to it until then. */
  elsewhereUntil: number;
}

/**
 * What the relay remembers of the doctor-days it has drained: up to which sequence each is
 * published, so that a notification or a poll naming a published sequence costs no statement
 * and the day's next read starts after it. Only facts that stay true are kept: a sequence is
 * remembered once its event (and every one before it) was acknowledged by JetStream, whose mark
 * the relay writes while it lives, or was found marked; events are never unpublished. Bounded:
 * the least recently used days are forgotten first, and a forgotten day costs one more read.
 * It also remembers days whose claim another relay held, so their notifications are left to
 * that relay for a while (the poll still tries them, so a relay that died is taken over).
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

  /** Every event of the day up to `sequence` is on the stream, marked or being marked. */
  publishedUpTo(doctorDayId: string, sequence: number): void {
    if (sequence <= 0) return;
    const remembered = this.#days.get(doctorDayId);
    if (remembered) remembered.published = Math.max(remembered.published, sequence);
    else this.#days.set(doctorDayId, { published: sequence, elsewhereUntil: 0 });
  }

  /** Another relay holds the day's claim; `until` (ms) is when to try again on a notification. */
  heldElsewhere(doctorDayId: string, until: number): void {
    const remembered = this.#days.get(doctorDayId);
    if (remembered) remembered.elsewhereUntil = until;
    else this.#days.set(doctorDayId, { published: 0, elsewhereUntil: until });
  }

  /** This relay held the day's claim: its notifications are its own again. */
  claimedHere(doctorDayId: string): void {
    const remembered = this.#days.get(doctorDayId);
    if (remembered) remembered.elsewhereUntil = 0;
  }

  /** Whether another relay held the day's claim recently (until the time given then). */
  isHeldElsewhere(doctorDayId: string, now: number): boolean {
    return (this.#days.get(doctorDayId)?.elsewhereUntil ?? 0) > now;
  }
}
