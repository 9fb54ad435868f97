import * as grpc from '@grpc/grpc-js';
import { BALANCED_SERVICE_CONFIG, parseServiceAddress } from './service-address.js';

/** A method of a ts-proto service definition, as @grpc/grpc-js sees it. */
interface MethodDef {
  readonly path: string;
  readonly requestStream: boolean;
  readonly responseStream: boolean;
  readonly requestSerialize: (value: never) => Buffer;
  readonly responseDeserialize: (bytes: Buffer) => unknown;
}
const serializer = (method: MethodDef) => method.requestSerialize as (value: unknown) => Buffer;
type RequestOf<M> = M extends { requestSerialize: (value: infer Req) => Buffer } ? Req : never;
type ResponseOf<M> = M extends { responseDeserialize: (bytes: Buffer) => infer Res } ? Res : never;

/** Per-call options: a deadline in milliseconds from now (default from the client), metadata. */
export interface CallOptions {
  readonly timeoutMs?: number;
  readonly metadata?: grpc.Metadata;
  readonly signal?: AbortSignal;
}

/**
 * Every unary method as `(request, options?) => Promise<response>`, every server-streaming
 * method as an async iterable of responses.
 */
export type PromiseClient<S> = {
  readonly [K in keyof S]: S[K] extends { responseStream: true }
    ? (request: RequestOf<S[K]>, options?: CallOptions) => AsyncIterable<ResponseOf<S[K]>>
    : (request: RequestOf<S[K]>, options?: CallOptions) => Promise<ResponseOf<S[K]>>;
} & { readonly close: () => void; readonly channel: grpc.Client };

export interface PromiseClientOptions {
  readonly credentials?: grpc.ChannelCredentials;
  /** Sent as `authorization: Bearer <key>` on every call. */
  readonly apiKey?: string;
  /** Deadline for calls that do not set one; every call has a deadline. Default 10 s. */
  readonly defaultTimeoutMs?: number;
  readonly channelOptions?: grpc.ChannelOptions;
}

/**
 * A promise-based client for a ts-proto service definition, with a bearer key and a deadline on
 * every call. Used by tests, the operator CLI, benchmarks and the desktop app's main process.
 * `address` names one instance or several ({@link parseServiceAddress}); calls are spread over
 * them and a call an instance answers UNAVAILABLE is tried on the next
 * ({@link BALANCED_SERVICE_CONFIG}). Throws on an address it cannot read.
 */
export function promiseClient<S extends Record<string, MethodDef>>(
  definition: S,
  address: string,
  options: PromiseClientOptions = {},
): PromiseClient<S> {
  const parsed = parseServiceAddress(address);
  if (!parsed.ok) throw new Error(`service address: ${parsed.problem}`);
  const channel = new grpc.Client(
    parsed.target,
    options.credentials ?? grpc.credentials.createInsecure(),
    {
      'grpc.max_receive_message_length': 16 * 1024 * 1024,
      'grpc.service_config': JSON.stringify(BALANCED_SERVICE_CONFIG),
      // No TXT lookups for a service config: ours is the one above.
      'grpc.service_config_disable_resolution': 1,
      ...options.channelOptions,
    },
  );
  const defaultTimeout = options.defaultTimeoutMs ?? 10_000;
  const metadataFor = (call: CallOptions) => {
    const metadata = call.metadata?.clone() ?? new grpc.Metadata();
    if (options.apiKey) metadata.set('authorization', `Bearer ${options.apiKey}`);
    return metadata;
  };
  const deadlineFor = (call: CallOptions) =>
    new Date(Date.now() + (call.timeoutMs ?? defaultTimeout));

  const client: Record<string, unknown> = { close: () => channel.close(), channel };
  for (const [name, method] of Object.entries(definition)) {
    if (method.requestStream) continue;
    client[name] = method.responseStream
      ? (request: never, call: CallOptions = {}) =>
          stream(channel, method, request, metadataFor(call), call)
      : (request: never, call: CallOptions = {}) =>
          new Promise((resolve, reject) => {
            const pending = channel.makeUnaryRequest(
              method.path,
              serializer(method),
              method.responseDeserialize,
              request,
              metadataFor(call),
              { deadline: deadlineFor(call) },
              (error, response) => (error ? reject(error) : resolve(response)),
            );
            call.signal?.addEventListener('abort', () => pending.cancel(), { once: true });
          });
  }
  return client as PromiseClient<S>;
}

async function* stream(
  channel: grpc.Client,
  method: MethodDef,
  request: never,
  metadata: grpc.Metadata,
  call: CallOptions,
): AsyncIterable<unknown> {
  const options =
    call.timeoutMs === undefined ? {} : { deadline: new Date(Date.now() + call.timeoutMs) };
  const pending = channel.makeServerStreamRequest(
    method.path,
    serializer(method),
    method.responseDeserialize,
    request,
    metadata,
    options,
  );
  const onAbort = () => pending.cancel();
  call.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const message of pending) yield message;
  } finally {
    call.signal?.removeEventListener('abort', onAbort);
    pending.cancel();
  }
}
