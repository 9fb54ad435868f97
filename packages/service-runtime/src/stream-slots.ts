import { ApiError } from './api-error.js';

/** Open server streams by API key and by connection. */
export interface StreamCounts {
  readonly open: number;
  /** Keys holding as many streams as they may. */
  readonly keysAtLimit: number;
}

/**
 * Counts the long-lived server streams (WatchDoctorDay, ExportTokens) each API key and each
 * connection holds, and refuses one more than allowed with RESOURCE_EXHAUSTED RATE_LIMITED:
 * each stream costs memory for as long as it stays open, so one key must not hold thousands.
 */
export class StreamSlots {
  readonly #byKey = new Map<string, number>();
  readonly #byConnection = new Map<string, number>();
  #open = 0;

  constructor(
    readonly perKey: number,
    readonly perConnection: number,
  ) {}

  /** Takes a slot for a stream of `keyName` on `connection`; the returned function gives it back. */
  take(keyName: string, connection: string): () => void {
    const ofKey = this.#byKey.get(keyName) ?? 0;
    if (ofKey >= this.perKey) {
      throw tooMany(`API key '${keyName}' already holds ${ofKey} open streams`, {
        limit: 'streams_per_key',
        max_streams: String(this.perKey),
      });
    }
    const ofConnection = this.#byConnection.get(connection) ?? 0;
    if (ofConnection >= this.perConnection) {
      throw tooMany(`this connection already holds ${ofConnection} open streams`, {
        limit: 'streams_per_connection',
        max_streams: String(this.perConnection),
      });
    }
    this.#byKey.set(keyName, ofKey + 1);
    this.#byConnection.set(connection, ofConnection + 1);
    this.#open += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#open -= 1;
      decrement(this.#byKey, keyName);
      decrement(this.#byConnection, connection);
    };
  }

  counts(): StreamCounts {
    let keysAtLimit = 0;
    for (const n of this.#byKey.values()) if (n >= this.perKey) keysAtLimit += 1;
    return { open: this.#open, keysAtLimit };
  }
}

function decrement(counts: Map<string, number>, name: string): void {
  const left = (counts.get(name) ?? 1) - 1;
  if (left > 0) counts.set(name, left);
  else counts.delete(name);
}

// No retry delay: a slot frees when one of the caller's own streams ends, not with time.
const tooMany = (message: string, metadata: Record<string, string>) =>
  new ApiError('RESOURCE_EXHAUSTED', `${message}; close one before opening another`, {
    reason: 'RATE_LIMITED',
    metadata,
  });
