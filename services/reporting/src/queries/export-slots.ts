import { ApiError } from '@opd/service-runtime';

/**
 * Limits on exports running at once: in all, and per API key. Each export holds a database
 * connection and a snapshot for as long as its client reads, so a burst of them must not
 * starve the event consumer, and one key holder must not take every slot.
 */
export class ExportSlots {
  readonly #perKey: number;
  readonly #byKey = new Map<string, number>();
  #free: number;

  constructor(limits: { readonly total: number; readonly perKey: number }) {
    this.#free = limits.total;
    this.#perKey = limits.perKey;
  }

  /**
   * Takes a slot for `keyName`, or refuses with RESOURCE_EXHAUSTED; call the returned function
   * when the export ends (calling it twice frees one slot).
   */
  take(keyName: string): () => void {
    const held = this.#byKey.get(keyName) ?? 0;
    if (held >= this.#perKey) {
      throw new ApiError(
        'RESOURCE_EXHAUSTED',
        `this key already runs ${held} exports, its limit; retry when one ends`,
        { reason: 'RATE_LIMITED', metadata: { limit: String(this.#perKey), scope: 'key' } },
      );
    }
    if (this.#free <= 0) {
      throw new ApiError('RESOURCE_EXHAUSTED', 'too many exports are running; retry shortly', {
        reason: 'RATE_LIMITED',
        metadata: { scope: 'service' },
      });
    }
    this.#free -= 1;
    this.#byKey.set(keyName, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#free += 1;
      const left = (this.#byKey.get(keyName) ?? 1) - 1;
      if (left > 0) this.#byKey.set(keyName, left);
      else this.#byKey.delete(keyName);
    };
  }
}
