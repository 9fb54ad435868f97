import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Token } from '@opd/api';
import { ApiError } from './api-error.js';
import type { RpcContext } from './call-scope.js';
import { withDeadline } from './deadline.js';
import { decodeServiceError } from './status-details.js';
import { bearer, rejectionOf } from './testing/grpc-calls.js';
import { KEYS, type TestServer, getToken, startTestServer } from './testing/test-server.js';

const TOKEN_ID = '6d1f1c0e-2b7a-4c39-8f41-0a9e5b3d7c22';
const PHONE = '+919876543210';
const PATIENT = 'Meera Nair';

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  running = await startTestServer(...args);
  return running;
}

const found = async () => ({ token: Token.fromPartial({ tokenId: TOKEN_ID, tokenNumber: 7 }) });

describe('a unary call through the runtime', () => {
  it('answers a counter that sends a valid key', async () => {
    const { client } = await start({ getToken: found });

    const response = await getToken(client, { tokenId: TOKEN_ID }, bearer(KEYS.counter));

    expect(response.token?.tokenNumber).toBe(7);
  });

  it('refuses a call without a key as UNAUTHENTICATED, API_KEY_MISSING', async () => {
    const { client } = await start({ getToken: found });

    const error = decodeServiceError(await rejectionOf(getToken(client, { tokenId: TOKEN_ID })));

    expect(error).toMatchObject({ code: grpc.status.UNAUTHENTICATED, reason: 'API_KEY_MISSING' });
  });

  it('refuses an unknown key as UNAUTHENTICATED, API_KEY_INVALID', async () => {
    const { client } = await start({ getToken: found });

    const call = getToken(client, { tokenId: TOKEN_ID }, bearer('guessed-key'));
    const error = decodeServiceError(await rejectionOf(call));

    expect(error).toMatchObject({ code: grpc.status.UNAUTHENTICATED, reason: 'API_KEY_INVALID' });
  });

  it('refuses a reporting key on a counter method as PERMISSION_DENIED, ROLE_NOT_ALLOWED', async () => {
    let handled = false;
    const { client } = await start({
      getToken: async () => {
        handled = true;
        return found();
      },
    });

    const call = getToken(client, { tokenId: TOKEN_ID }, bearer(KEYS.reporting));
    const error = decodeServiceError(await rejectionOf(call));

    expect(error).toMatchObject({
      code: grpc.status.PERMISSION_DENIED,
      reason: 'ROLE_NOT_ALLOWED',
      metadata: { role: 'reporting', method: 'GetToken' },
    });
    expect(handled).toBe(false);
  });

  it('sends field violations as INVALID_ARGUMENT with a BadRequest detail', async () => {
    const { client } = await start({
      getToken: async () => {
        throw ApiError.invalidArgument([{ field: 'token_id', description: 'must be a UUID' }]);
      },
    });

    const call = getToken(client, { tokenId: 'nope' }, bearer(KEYS.counter));
    const error = decodeServiceError(await rejectionOf(call));

    expect(error).toEqual({
      code: grpc.status.INVALID_ARGUMENT,
      message: 'token_id: must be a UUID',
      reason: 'FIELD_VIOLATION',
      metadata: {},
      fieldViolations: [{ field: 'token_id', description: 'must be a UUID' }],
      otherDetails: [],
    });
  });

  it('sends an unexpected failure as INTERNAL without its message, and logs the cause', async () => {
    const { client, logs } = await start({
      getToken: async () => {
        throw new Error('connection to db-7 refused');
      },
    });

    const raw = await rejectionOf(getToken(client, { tokenId: TOKEN_ID }, bearer(KEYS.counter)));
    const error = decodeServiceError(raw);

    expect(error.code).toBe(grpc.status.INTERNAL);
    expect(error.message).toBe('internal error');
    expect(JSON.stringify(raw)).not.toContain('db-7');
    expect(logs.text()).toContain('connection to db-7 refused');
  });

  it('aborts the handler signal when the client deadline passes', async () => {
    let seen: unknown;
    const { client } = await start({
      getToken: (_request, ctx: RpcContext) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => {
            seen = ctx.signal.reason;
            reject(ctx.signal.reason as Error);
          });
        }),
    });

    const call = getToken(client, { tokenId: TOKEN_ID }, bearer(KEYS.counter), withDeadline(150));
    const error = decodeServiceError(await rejectionOf(call));

    expect(error.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toBeInstanceOf(ApiError);
    expect((seen as ApiError).code).toBe('DEADLINE_EXCEEDED');
  });

  it('gives the handler its deadline and caller', async () => {
    let ctx: RpcContext | undefined;
    const { client } = await start({
      getToken: async (_request, context) => {
        ctx = context;
        return found();
      },
    });
    const options = withDeadline(5_000);

    await getToken(client, { tokenId: TOKEN_ID }, bearer(KEYS.counter), options);

    // The server's copy of the deadline is later by the time the request took to arrive.
    const skew = (ctx?.deadline?.getTime() ?? 0) - (options.deadline as Date).getTime();
    expect(skew).toBeGreaterThan(-50);
    expect(skew).toBeLessThan(1_000);
    expect(ctx?.caller).toMatchObject({ keyName: 'counter-1', role: 'counter' });
    expect(ctx?.caller.peer).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(ctx?.caller.userAgent).toContain('grpc-node-js');
  });

  it('logs one line per call with method, key, role, code and duration, never the request', async () => {
    const { client, logs } = await start({
      getToken: async (_request, ctx) => {
        ctx.log.info(
          { patient: { phone: PHONE, name: PATIENT }, patientPhone: PHONE },
          'looked up',
        );
        return { token: Token.fromPartial({ tokenId: TOKEN_ID, patientName: PATIENT }) };
      },
    });

    await getToken(client, { tokenId: PHONE }, bearer(KEYS.counter));

    const calls = logs.entries().filter((entry) => entry['msg'] === 'rpc');
    expect(calls).toEqual([
      expect.objectContaining({
        service: 'opd.v1.AllocationService',
        method: 'GetToken',
        keyName: 'counter-1',
        role: 'counter',
        code: 'OK',
        durationMs: expect.any(Number),
      }),
    ]);
    for (const line of logs.lines) expect(line.match(/"service":/g)?.length ?? 0).toBeLessThan(2);
    expect(logs.text()).not.toContain(PHONE);
    expect(logs.text()).not.toContain(PATIENT);
    expect(logs.text()).not.toContain(KEYS.counter);
  });

  it('counts calls by service, method and code', async () => {
    const { client, registry } = await start({ getToken: found });

    await getToken(client, { tokenId: TOKEN_ID }, bearer(KEYS.counter));
    await rejectionOf(getToken(client, { tokenId: TOKEN_ID }));

    const text = await registry.metrics();
    expect(text).toContain(
      'opd_rpc_requests_total{service="opd.v1.AllocationService",method="GetToken",code="OK"} 1',
    );
    expect(text).toContain(
      'opd_rpc_requests_total{service="opd.v1.AllocationService",method="GetToken",code="UNAUTHENTICATED"} 1',
    );
  });
});
