import type * as grpc from '@grpc/grpc-js';
import { ApiError } from './api-error.js';
import type { ApiKeyStore } from './api-keys.js';
import { AuthFailureThrottle } from './auth-throttle.js';
import type { Caller } from './caller.js';
import { KeyRateLimit } from './key-rate-limit.js';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
import { addressOf } from './peer-address.js';
import { type StreamCounts, StreamSlots } from './stream-slots.js';

/** A unary call or a server stream: they get different default deadlines and limits. */
export type CallKind = 'unary' | 'stream';

/** How busy the calls are, for /healthz and metrics. */
export interface CallLoad {
  readonly streams: StreamCounts;
  /** Client addresses held off for presenting wrong keys. */
  readonly addressesHeldOff: number;
}

/**
 * The per-call limits one server applies: failed authentication per client address, calls per
 * key and second, server streams per key and per connection, and the deadline of a call that
 * brings none. One instance per server, shared by all its handlers.
 */
export class CallLimits {
  readonly #auth: AuthFailureThrottle;
  readonly #rate: KeyRateLimit;
  readonly #streams: StreamSlots;

  constructor(readonly limits: ServerLimits = DEFAULT_LIMITS) {
    this.#auth = new AuthFailureThrottle(limits.authFailuresPerMinute);
    this.#rate = new KeyRateLimit(limits.keyRequestsPerSecond);
    this.#streams = new StreamSlots(limits.maxStreamsPerKey, limits.maxStreamsPerConnection);
  }

  /** The deadline a call without one gets. */
  defaultDeadline(kind: CallKind, now: number = Date.now()): Date {
    const ms =
      kind === 'stream' ? this.limits.defaultStreamDeadlineMs : this.limits.defaultDeadlineMs;
    return new Date(now + ms);
  }

  /**
   * The caller of a call, unless its address is held off for wrong keys (RATE_LIMITED, the key
   * not even looked at); a wrong key counts against its address.
   */
  async authenticate(keys: ApiKeyStore, metadata: grpc.Metadata, peer: string): Promise<Caller> {
    const address = addressOf(peer);
    await this.#auth.check(address);
    try {
      return keys.authenticate(metadata, peer);
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'API_KEY_INVALID') {
        await this.#auth.failed(address);
      }
      throw error;
    }
  }

  /**
   * Counts the call against its key's rate and, for a stream, takes a stream slot of its key
   * and connection (`peer`); returns what gives the slot back. Throws RATE_LIMITED when over.
   */
  async admit(caller: Caller, kind: CallKind, peer: string): Promise<() => void> {
    await this.#rate.admit(caller.keyName);
    return kind === 'stream' ? this.#streams.take(caller.keyName, peer) : () => undefined;
  }

  async load(): Promise<CallLoad> {
    return { streams: this.#streams.counts(), addressesHeldOff: await this.#auth.heldOff() };
  }
}
