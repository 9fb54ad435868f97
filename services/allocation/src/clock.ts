/** Where "now" comes from. Injected everywhere so tests and jobs can drive time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to; for tests and simulations. */
export class ManualClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  set(instant: number | Date): void {
    this.current = typeof instant === 'number' ? instant : instant.getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
