import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { WatchDoctorDayResponse } from '@opd/api';
import { ApiError } from './api-error.js';
import { decodeServiceError } from './status-details.js';
import { bearer } from './testing/grpc-calls.js';
import { KEYS, type TestServer, startTestServer } from './testing/test-server.js';

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  running = await startTestServer(...args);
  return running;
}

function board(doctorId: string, sequence: number): WatchDoctorDayResponse {
  return WatchDoctorDayResponse.fromPartial({ board: { doctorId, sequence } });
}

function collect(stream: grpc.ClientReadableStream<WatchDoctorDayResponse>) {
  return new Promise<{ messages: WatchDoctorDayResponse[]; error?: unknown }>((resolve) => {
    const messages: WatchDoctorDayResponse[] = [];
    stream.on('data', (message: WatchDoctorDayResponse) => messages.push(message));
    stream.on('error', (error) => resolve({ messages, error }));
    stream.on('end', () => resolve({ messages }));
  });
}

describe('a server stream through the runtime', () => {
  it('delivers every message in order and ends with OK', async () => {
    const { client } = await start({
      watchDoctorDay: async (request, _ctx, send) => {
        for (let sequence = 1; sequence <= 3; sequence += 1)
          await send(board(request.doctorId, sequence));
      },
    });

    const stream = client.watchDoctorDay(
      { doctorId: 'd-1', date: '2025-03-14', changesOnly: false },
      bearer(KEYS.counter),
    );
    const { messages, error } = await collect(stream);

    expect(error).toBeUndefined();
    expect(messages.map((m) => m.board?.sequence)).toEqual([1, 2, 3]);
  });

  it('ends with the thrown ApiError and its details after the messages already sent', async () => {
    const { client } = await start({
      watchDoctorDay: async (request, _ctx, send) => {
        await send(board(request.doctorId, 1));
        throw new ApiError('NOT_FOUND', 'no doctor has this id', {
          reason: 'DOCTOR_NOT_FOUND',
          metadata: { doctor_id: request.doctorId },
        });
      },
    });

    const stream = client.watchDoctorDay(
      { doctorId: 'd-9', date: '2025-03-14', changesOnly: false },
      bearer(KEYS.counter),
    );
    const { messages, error } = await collect(stream);

    expect(messages).toHaveLength(1);
    expect(decodeServiceError(error)).toMatchObject({
      code: grpc.status.NOT_FOUND,
      reason: 'DOCTOR_NOT_FOUND',
      metadata: { doctor_id: 'd-9' },
    });
  });

  it('refuses a stream without a key before the handler runs', async () => {
    let handled = false;
    const { client } = await start({
      watchDoctorDay: async () => {
        handled = true;
      },
    });

    const { error } = await collect(
      client.watchDoctorDay({ doctorId: 'd-1', date: '2025-03-14', changesOnly: false }),
    );

    expect(decodeServiceError(error)).toMatchObject({ reason: 'API_KEY_MISSING' });
    expect(handled).toBe(false);
  });

  it('holds the producer back while the client reads nothing, then aborts it on cancel', async () => {
    const padding = 'x'.repeat(64 * 1024);
    let sent = 0;
    let ended: unknown;
    const { client } = await start({
      watchDoctorDay: async (_request, _ctx, send) => {
        try {
          for (let i = 0; i < 1_000; i += 1) {
            await send(board(padding, i));
            sent += 1;
          }
        } catch (error) {
          ended = error;
          throw error;
        }
      },
    });

    const stream = client.watchDoctorDay(
      { doctorId: 'd-1', date: '2025-03-14', changesOnly: false },
      bearer(KEYS.counter),
    );
    stream.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sentWhilePaused = sent;
    stream.on('error', () => undefined);
    stream.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(sentWhilePaused).toBeGreaterThan(0);
    expect(sentWhilePaused).toBeLessThan(1_000);
    expect(ended).toBeInstanceOf(ApiError);
    expect((ended as ApiError).code).toBe('CANCELLED');
  });
});
