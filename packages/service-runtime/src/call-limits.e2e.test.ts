// The per-call limits through real gRPC calls: streams per key and per connection, calls per key
// and second, wrong keys per client address, and the deadline of a call that brings none.
import { once } from 'node:events';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { AllocationServiceClient, Token, WatchDoctorDayResponse } from '@opd/api';
import { CallLimits } from './call-limits.js';
import type { RpcContext } from './call-scope.js';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
import { decodeServiceError, type DecodedServiceError } from './status-details.js';
import { bearer } from './testing/grpc-calls.js';
import { refusal } from './testing/expect-status.js';
import { KEYS, type TestServer, getToken, startTestServer } from './testing/test-server.js';

const TOKEN_ID = '6d1f1c0e-2b7a-4c39-8f41-0a9e5b3d7c22';

let running: TestServer | undefined;
const clients: grpc.Client[] = [];
afterEach(async () => {
  clients.splice(0).forEach((client) => client.close());
  await running?.close();
  running = undefined;
});

/** Sends one board, then holds the stream open until the call ends. */
async function holdOpen(
  _request: unknown,
  ctx: RpcContext,
  send: (message: WatchDoctorDayResponse) => Promise<void>,
): Promise<void> {
  await send(WatchDoctorDayResponse.fromPartial({ board: { sequence: 1 } }));
  await new Promise((_, reject) => ctx.signal.addEventListener('abort', reject, { once: true }));
}

async function start(limits: Partial<ServerLimits>): Promise<TestServer> {
  running = await startTestServer(
    {
      watchDoctorDay: holdOpen,
      getToken: async () => ({ token: Token.fromPartial({ tokenId: TOKEN_ID }) }),
    },
    { limits: new CallLimits({ ...DEFAULT_LIMITS, ...limits }) },
  );
  return running;
}

/** A client of its own: a connection of its own. */
function newClient(server: TestServer): AllocationServiceClient {
  // grpc-js shares one connection among clients of one address unless told otherwise.
  const client = new AllocationServiceClient(server.address, grpc.credentials.createInsecure(), {
    'grpc.use_local_subchannel_pool': 1,
  });
  clients.push(client);
  return client;
}

/** A watch stream, resolved once it is open (its first board arrived) or refused. */
async function openWatch(
  client: AllocationServiceClient,
): Promise<{ call: grpc.ClientReadableStream<WatchDoctorDayResponse> } | DecodedServiceError> {
  const call = client.watchDoctorDay(
    { doctorId: 'd', date: '2026-11-27', changesOnly: false },
    bearer(KEYS.counter),
  );
  // events.once would reject on 'error'; either event settles this.
  const first = await new Promise<unknown>((resolve) => {
    call.once('data', () => resolve('open'));
    call.once('error', resolve);
  });
  if (first === 'open') {
    call.on('error', () => undefined); // cancelled at the end of the test
    return { call };
  }
  return decodeServiceError(first);
}

describe('stream limits', () => {
  it('refuses a key one stream more than it may hold, until it closes one', async () => {
    const server = await start({ maxStreamsPerKey: 2 });
    const opened = [await openWatch(newClient(server)), await openWatch(newClient(server))];
    expect(opened.every((o) => 'call' in o)).toBe(true);

    const third = await openWatch(newClient(server));
    expect(third).toMatchObject({
      code: grpc.status.RESOURCE_EXHAUSTED,
      reason: 'RATE_LIMITED',
      metadata: { limit: 'streams_per_key', max_streams: '2' },
    });

    const [first] = opened;
    if (first && 'call' in first) first.call.cancel();
    // The slot is given back when the server sees the cancel; the next open finds it free.
    let again = await openWatch(newClient(server));
    while (!('call' in again)) again = await openWatch(newClient(server));
    expect('call' in again).toBe(true);
  });

  it('refuses one stream more than a connection may hold, and serves another connection', async () => {
    const server = await start({ maxStreamsPerConnection: 2, maxStreamsPerKey: 100 });
    const shared = newClient(server);
    await openWatch(shared);
    await openWatch(shared);

    expect(await openWatch(shared)).toMatchObject({
      code: grpc.status.RESOURCE_EXHAUSTED,
      metadata: { limit: 'streams_per_connection' },
    });
    expect('call' in (await openWatch(newClient(server)))).toBe(true);
  });
});

describe('the rate of calls per key', () => {
  it('refuses calls above the rate with RESOURCE_EXHAUSTED and says when to retry', async () => {
    const server = await start({ keyRequestsPerSecond: 5 });
    const calls = Array.from({ length: 20 }, () =>
      getToken(server.client, { tokenId: TOKEN_ID }, bearer(KEYS.counter)).then(
        () => undefined,
        decodeServiceError,
      ),
    );
    const refused = (await Promise.all(calls)).filter((r) => r !== undefined);

    // Twenty calls span at most two one-second windows of five.
    expect(refused.length).toBeGreaterThanOrEqual(10);
    const [first] = refused;
    expect(first).toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED, reason: 'RATE_LIMITED' });
    expect(first?.retryAfterMs).toBeGreaterThan(0);
    expect(first?.retryAfterMs).toBeLessThanOrEqual(1_000);
    expect(first?.metadata['retry_after_seconds']).toBe('1');
  });
});

describe('calls with a wrong key', () => {
  it('hold off the address once it has used up its failures, even with the right key', async () => {
    const server = await start({ authFailuresPerMinute: 5 });
    const wrong = () => refusal(getToken(server.client, { tokenId: TOKEN_ID }, bearer('guess')));
    for (let n = 0; n < 6; n++) expect((await wrong()).reason).toBe('API_KEY_INVALID');

    const heldOff = await wrong();
    expect(heldOff).toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED, reason: 'RATE_LIMITED' });
    expect(heldOff.retryAfterMs).toBeGreaterThan(0);
    const right = await refusal(
      getToken(server.client, { tokenId: TOKEN_ID }, bearer(KEYS.counter)),
    );
    expect(right.reason).toBe('RATE_LIMITED');
    expect((await server.server.load()).addressesHeldOff).toBe(1);
  });

  it('do not count a missing key, which guesses nothing', async () => {
    const server = await start({ authFailuresPerMinute: 1 });
    for (let n = 0; n < 5; n++) {
      const missing = await refusal(getToken(server.client, { tokenId: TOKEN_ID }));
      expect(missing.reason).toBe('API_KEY_MISSING');
    }
    await getToken(server.client, { tokenId: TOKEN_ID }, bearer(KEYS.counter));
  });
});

describe('a call without a deadline', () => {
  it('gets the server default and ends with DEADLINE_EXCEEDED, even if the handler hangs', async () => {
    running = await startTestServer(
      { getToken: () => new Promise(() => undefined) },
      { limits: new CallLimits({ ...DEFAULT_LIMITS, defaultDeadlineMs: 200 }) },
    );
    const error = await refusal(
      getToken(running.client, { tokenId: TOKEN_ID }, bearer(KEYS.counter)),
    );
    expect(error.code).toBe(grpc.status.DEADLINE_EXCEEDED);
  });

  it('of a stream gets the stream default', async () => {
    running = await startTestServer(
      { watchDoctorDay: holdOpen },
      { limits: new CallLimits({ ...DEFAULT_LIMITS, defaultStreamDeadlineMs: 300 }) },
    );
    const call = running.client.watchDoctorDay(
      { doctorId: 'd', date: '2026-11-27', changesOnly: false },
      bearer(KEYS.counter),
    );
    call.on('data', () => undefined);
    const [error] = (await once(call, 'error')) as unknown[];
    expect(decodeServiceError(error).code).toBe(grpc.status.DEADLINE_EXCEEDED);
  });
});
