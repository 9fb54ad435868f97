import type * as grpc from '@grpc/grpc-js';
import { ApiError } from './api-error.js';
import { type RpcContext, type RpcDeps, type RpcSpec, openCall } from './call-scope.js';

export interface UnarySpec<Req, Res> extends RpcSpec {
  handle: (request: Req, ctx: RpcContext) => Promise<Res>;
}

export interface ServerStreamSpec<Req, Res> extends RpcSpec {
  /**
   * Sends messages with `send`, which resolves when the stream can take more (so a slow
   * client slows the producer) and rejects once the call is cancelled. Resolving ends the
   * stream with OK; throwing ends it with `ApiError.from(error)`.
   */
  handle: (request: Req, ctx: RpcContext, send: (message: Res) => Promise<void>) => Promise<void>;
}

/**
 * The handler's outcome, or the abort as soon as the call is cancelled or its deadline (the
 * client's or the server's default) passes, even if the handler does not look at its signal.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(ApiError.from(signal.reason));
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(ApiError.from(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, aborted]).finally(() => {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  });
}

/**
 * A unary handler: authenticates and authorises the caller, runs `handle`, logs one line
 * (never the request or response), records metrics, and sends any thrown error as
 * `ApiError.from(error).toServiceError()`.
 */
export function unary<Req, Res>(
  spec: UnarySpec<Req, Res>,
  deps: RpcDeps,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const scope = openCall(spec, deps, call, 'unary');
    const run = async () => {
      try {
        const ctx = await scope.enter();
        const response = await untilAborted(spec.handle(call.request, ctx), scope.signal);
        callback(null, response);
        scope.finish();
      } catch (thrown) {
        const error = ApiError.from(thrown);
        callback(error.toServiceError());
        scope.finish(error);
      }
    };
    void run();
  };
}

function sender<Res>(call: grpc.ServerWritableStream<unknown, Res>, signal: AbortSignal) {
  return (message: Res): Promise<void> => {
    if (signal.aborted) return Promise.reject(ApiError.from(signal.reason));
    if (call.write(message)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        call.off('drain', onDrain);
        signal.removeEventListener('abort', onAbort);
      };
      const onDrain = () => {
        cleanup();
        resolve();
      };
      const onAbort = () => {
        cleanup();
        reject(ApiError.from(signal.reason));
      };
      call.on('drain', onDrain);
      signal.addEventListener('abort', onAbort);
    });
  };
}

/**
 * A server-streaming handler: like {@link unary}, with `send` for each message and
 * backpressure from the client's pace.
 */
export function serverStream<Req, Res>(
  spec: ServerStreamSpec<Req, Res>,
  deps: RpcDeps,
): grpc.handleServerStreamingCall<Req, Res> {
  return (call) => {
    const scope = openCall(spec, deps, call, 'stream');
    const run = async () => {
      try {
        const ctx = await scope.enter();
        await untilAborted(
          spec.handle(call.request, ctx, sender(call, scope.signal)),
          scope.signal,
        );
        call.end();
        scope.finish();
      } catch (thrown) {
        const error = ApiError.from(thrown);
        // grpc-js's documented way to end a server stream with a status.
        call.emit('error', error.toServiceError());
        scope.finish(error);
      }
    };
    void run();
  };
}
