/**
 * Events that arrived before an earlier event of their doctor-day, kept for a moment so they
 * can be applied the instant the missing one is (a redelivery is usually only milliseconds
 * behind). Whatever is still held after `holdMs` is released — the consumer hands it back to
 * JetStream for a later delivery — so a gap that lasts never pins memory.
 */
export class HeldEvents<T> {
  readonly #holdMs: number;
  readonly #release: (item: T) => void;
  readonly #days = new Map<string, Map<number, { item: T; timer: NodeJS.Timeout }>>();

  constructor(holdMs: number, release: (item: T) => void) {
    this.#holdMs = holdMs;
    this.#release = release;
  }

  get size(): number {
    let size = 0;
    for (const day of this.#days.values()) size += day.size;
    return size;
  }

  /** Holds `item` as the day's event `sequence`; a copy held before is released at once. */
  hold(doctorDayId: string, sequence: number, item: T): void {
    const day = this.#days.get(doctorDayId) ?? new Map();
    this.#days.set(doctorDayId, day);
    const earlier = day.get(sequence);
    if (earlier) {
      clearTimeout(earlier.timer);
      this.#release(earlier.item);
    }
    const timer = setTimeout(() => {
      if (this.#remove(doctorDayId, sequence)?.item === item) this.#release(item);
    }, this.#holdMs);
    timer.unref();
    day.set(sequence, { item, timer });
  }

  /** Every doctor-day with held events, and the lowest sequence held for it. */
  lowestHeld(): Map<string, number> {
    const lowest = new Map<string, number>();
    for (const [doctorDayId, day] of this.#days) lowest.set(doctorDayId, Math.min(...day.keys()));
    return lowest;
  }

  /** Takes the day's held event `sequence`, if there is one. */
  take(doctorDayId: string, sequence: number): T | undefined {
    const entry = this.#remove(doctorDayId, sequence);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    return entry.item;
  }

  /** Releases everything held (on stop). */
  releaseAll(): void {
    for (const [doctorDayId, day] of [...this.#days]) {
      for (const sequence of [...day.keys()]) {
        const item = this.take(doctorDayId, sequence);
        if (item !== undefined) this.#release(item);
      }
    }
  }

  #remove(doctorDayId: string, sequence: number) {
    const day = this.#days.get(doctorDayId);
    const entry = day?.get(sequence);
    if (!day || !entry) return undefined;
    day.delete(sequence);
    if (day.size === 0) this.#days.delete(doctorDayId);
    return entry;
  }
}
