import type * as grpc from '@grpc/grpc-js';
import { ApiError } from './api-error.js';
import type { ApiKeyStore } from './api-keys.js';
import { authorize } from './authorize.js';
import type { CallKind, CallLimits } from './call-limits.js';
import type { Caller } from './caller.js';
import { deadlineOf, remainingMs } from './deadline.js';
import type { Logger } from './logger.js';
import type { RpcMetrics } from './metrics.js';
import type { Role } from './roles.js';

/** What a handler knows about its call besides the request. */
export interface RpcContext {
  caller: Caller;
  /** The RPC's name as in the proto, e.g. 'GetToken'. */
  method: string;
  /** The client's deadline, or the server's default for calls that bring none. */
  deadline: Date;
  /**
   * Aborted when the client cancels or the deadline passes; its `reason` is an ApiError
   * (CANCELLED or DEADLINE_EXCEEDED), so `signal.throwIfAborted()` ends the call cleanly.
   */
  signal: AbortSignal;
  /** A child logger with the service, method and key name bound. */
  log: Logger;
}

/** What every handler wrapper needs. */
export interface RpcDeps {
  keys: ApiKeyStore;
  log: Logger;
  metrics?: RpcMetrics | undefined;
  /** The server's limits on rates, streams and failed authentication, and default deadlines. */
  limits: CallLimits;
}

export interface RpcSpec {
  /** The RPC's name as in the proto, e.g. 'GetToken'. */
  method: string;
  /** The roles that may call it; everyone else gets PERMISSION_DENIED. */
  roles: readonly Role[];
}

/** What unary and streaming server calls have in common. */
type ServerCall =
  grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>;

/** Node's setTimeout fires at once for delays above this, so longer deadlines get no timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A cancel this close to the deadline is the client's deadline passing. */
const DEADLINE_SLACK_MS = 25;

/** The life of one call: its abort signal, authentication, and the closing log line. */
export interface CallScope {
  signal: AbortSignal;
  /**
   * Authenticates and authorises the caller and admits the call under the server's limits;
   * throws an ApiError when refused.
   */
  enter(): Promise<RpcContext>;
  /** Logs the outcome and records metrics (once). `error` undefined means OK. */
  finish(error?: ApiError): void;
}

function serviceOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash > 0 ? path.slice(1, slash) : 'unknown';
}

export function openCall(
  spec: RpcSpec,
  deps: RpcDeps,
  call: ServerCall,
  kind: CallKind,
): CallScope {
  const started = performance.now();
  const service = serviceOf(call.getPath());
  const peer = call.getPeer();
  // Every call has a deadline: the client's, or the server's default (DESIGN §4).
  const deadline = deadlineOf(call) ?? deps.limits.defaultDeadline(kind);
  const controller = new AbortController();

  // A client whose deadline passes cancels the call itself, usually just before the
  // server's own timer (the server's copy of the deadline is later by the network delay).
  const onCancelled = () => {
    const left = remainingMs(deadline);
    controller.abort(
      left !== undefined && left <= DEADLINE_SLACK_MS
        ? new ApiError('DEADLINE_EXCEEDED', 'the deadline passed')
        : new ApiError('CANCELLED', 'the client cancelled the call'),
    );
  };
  call.on('cancelled', onCancelled);
  const left = remainingMs(deadline);
  const timer =
    left === undefined || left > MAX_TIMER_MS
      ? undefined
      : setTimeout(
          () => controller.abort(new ApiError('DEADLINE_EXCEEDED', 'the deadline passed')),
          left,
        );

  let caller: Caller | undefined;
  let release: (() => void) | undefined;
  let finished = false;

  return {
    signal: controller.signal,
    async enter() {
      caller = await deps.limits.authenticate(deps.keys, call.metadata, peer);
      authorize(caller, spec.method, spec.roles);
      release = await deps.limits.admit(caller, kind, peer);
      return {
        caller,
        method: spec.method,
        deadline,
        signal: controller.signal,
        log: deps.log.child({ service, method: spec.method, keyName: caller.keyName }),
      };
    },
    finish(error) {
      if (finished) return;
      finished = true;
      release?.();
      clearTimeout(timer);
      call.off('cancelled', onCancelled);
      // A call the client abandoned ended for the client with the abort, whatever the
      // handler did afterwards.
      const outcome =
        controller.signal.aborted && error === undefined
          ? ApiError.from(controller.signal.reason)
          : error;
      const code = outcome === undefined ? 'OK' : outcome.code;
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const line = {
        service,
        method: spec.method,
        keyName: caller?.keyName,
        role: caller?.role,
        peer,
        code,
        reason: outcome?.reason,
        durationMs,
      };
      if (outcome?.code === 'INTERNAL') {
        deps.log.error({ ...line, err: outcome.cause ?? outcome }, 'rpc failed');
      } else if (
        outcome?.code === 'UNAUTHENTICATED' ||
        outcome?.code === 'PERMISSION_DENIED' ||
        outcome?.code === 'RESOURCE_EXHAUSTED'
      ) {
        deps.log.warn(line, 'rpc refused');
      } else {
        deps.log.info(line, 'rpc');
      }
      deps.metrics?.observe({
        service,
        method: spec.method,
        code,
        durationSeconds: durationMs / 1000,
      });
    },
  };
}
