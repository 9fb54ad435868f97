import { setTimeout as delay } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Token } from '@opd/api';
import type { RpcContext } from './call-scope.js';
import { decodeServiceError } from './status-details.js';
import { bearer, rejectionOf } from './testing/grpc-calls.js';
import { HealthClient } from './testing/health-client.js';
import { KEYS, type TestServer, getToken, startTestServer } from './testing/test-server.js';

const TOKEN_ID = '6d1f1c0e-2b7a-4c39-8f41-0a9e5b3d7c22';

let running: TestServer | undefined;
let health: HealthClient | undefined;
afterEach(async () => {
  health?.close();
  await running?.close();
  running = health = undefined;
});

/** Resolved when the handler has been entered: the call is in flight on the server. */
let entered: Promise<void> = Promise.resolve();

function slowGetToken(ms: number) {
  let enter: () => void = () => undefined;
  entered = new Promise((resolve) => (enter = resolve));
  return async (_request: unknown, ctx: RpcContext) => {
    enter();
    await delay(ms, undefined, { signal: ctx.signal });
    return { token: Token.fromPartial({ tokenId: TOKEN_ID }) };
  };
}

describe('the gRPC server', () => {
  it('reports SERVING for the server and for each service once started', async () => {
    running = await startTestServer({ getToken: slowGetToken(0) });
    health = new HealthClient(running.address);

    expect(await health.check('')).toBe('SERVING');
    expect(await health.check('opd.v1.AllocationService')).toBe('SERVING');
  });

  it('flips health to NOT_SERVING when asked to', async () => {
    running = await startTestServer({ getToken: slowGetToken(0) });
    health = new HealthClient(running.address);

    running.server.setServing(false);

    expect(await health.check('opd.v1.AllocationService')).toBe('NOT_SERVING');
  });

  it('goes NOT_SERVING when shutdown begins and lets the call in flight finish', async () => {
    running = await startTestServer({ getToken: slowGetToken(400) });
    health = new HealthClient(running.address);
    const statuses: string[] = [];
    let watching: () => void = () => undefined;
    const serving = new Promise<void>((resolve) => (watching = resolve));
    const watch = health.watch('', (status) => {
      statuses.push(status);
      if (status === 'SERVING') watching();
      if (status === 'NOT_SERVING') watch.cancel();
    });
    await serving;
    const inFlight = getToken(running.client, { tokenId: TOKEN_ID }, bearer(KEYS.counter));
    await entered;

    const stopped = running.server.shutdown(5_000);

    const response = await inFlight;
    await stopped;
    expect(response.token?.tokenId).toBe(TOKEN_ID);
    expect(statuses).toEqual(['SERVING', 'NOT_SERVING']);
    const after = await rejectionOf(
      getToken(running.client, { tokenId: TOKEN_ID }, bearer(KEYS.counter)),
    );
    expect(decodeServiceError(after).code).toBe(grpc.status.UNAVAILABLE);
  });

  it('cancels calls still running when the grace period ends', async () => {
    running = await startTestServer({ getToken: slowGetToken(10_000) });
    const inFlight = getToken(running.client, { tokenId: TOKEN_ID }, bearer(KEYS.counter));
    await entered;
    const started = Date.now();

    await running.server.shutdown(200);

    expect(Date.now() - started).toBeLessThan(1_000);
    const error = decodeServiceError(await rejectionOf(inFlight));
    expect([grpc.status.CANCELLED, grpc.status.UNAVAILABLE]).toContain(error.code);
  });

  it('refuses a request larger than the message limit with RESOURCE_EXHAUSTED', async () => {
    let handled = false;
    running = await startTestServer(
      {
        getToken: async () => {
          handled = true;
          return { token: undefined };
        },
      },
      { maxMessageBytes: 1024 },
    );

    const call = getToken(running.client, { tokenId: 'x'.repeat(4096) }, bearer(KEYS.counter));
    const error = decodeServiceError(await rejectionOf(call));

    expect(error.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(handled).toBe(false);
  });

  it('answers UNIMPLEMENTED for a contract method the service does not implement', async () => {
    running = await startTestServer({});

    const error = decodeServiceError(
      await rejectionOf(getToken(running.client, { tokenId: TOKEN_ID }, bearer(KEYS.counter))),
    );

    expect(error.code).toBe(grpc.status.UNIMPLEMENTED);
  });
});
