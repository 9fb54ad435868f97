/**
 * A small seeded random source (mulberry32), so a simulation can be replayed with --seed.
 * Not for anything secret.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [0, n). */
  index(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.index(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** An item drawn with the given weights (they need not sum to 1). */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /**
   * The gap to the next arrival of a Poisson process with `ratePerMinute`: exponentially
   * distributed with mean 1 / rate.
   */
  exponential(ratePerMinute: number): number {
    return -Math.log(1 - this.next()) / ratePerMinute;
  }
}

/** Arrival instants (in minutes from 0) of a Poisson process over [0, minutes). */
export function poissonArrivals(random: Random, ratePerMinute: number, minutes: number): number[] {
  const times: number[] = [];
  for (
    let t = random.exponential(ratePerMinute);
    t < minutes;
    t += random.exponential(ratePerMinute)
  ) {
    times.push(t);
  }
  return times;
}
