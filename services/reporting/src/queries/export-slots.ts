import { ApiError } from '@opd/service-runtime';

/**
 * A limit on exports running at once. Each export holds a database connection and a snapshot
 * for as long as the client reads, so a burst of them must not starve the event consumer.
 */
export class ExportSlots {
  #free: number;

  constructor(size: number) {
    this.#free = size;
  }

  /** Takes a slot, or refuses with RESOURCE_EXHAUSTED; call the returned function when done. */
  take(): () => void {
    if (this.#free <= 0) {
      throw new ApiError('RESOURCE_EXHAUSTED', 'too many exports are running; retry shortly', {
        reason: 'RATE_LIMITED',
      });
    }
    this.#free -= 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#free += 1;
    };
  }
}
