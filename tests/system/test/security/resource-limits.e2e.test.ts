// One key holder must not stop the hospital (issue 12, item 2): the limits set by environment
// variables hold on the real allocation service, and /healthz reports the load.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { refusal } from '@opd/service-runtime/testing';
import { addDoctor } from '../support/hospital.js';
import { startStack, TODAY, type Stack } from '../support/stack.js';

let stack: Stack;
let doctorId: string;
beforeAll(async () => {
  stack = await startStack({
    allocationEnv: { OPD_MAX_STREAMS_PER_KEY: '2', OPD_AUTH_FAILURES_PER_MINUTE: '3' },
  });
  doctorId = await addDoctor(stack.client('admin'));
});
afterAll(() => stack.stop());

const health = async () =>
  (await fetch(`http://127.0.0.1:${stack.allocation.metricsPort}/healthz`)).json() as Promise<{
    ok: boolean;
    details: Record<string, string>;
  }>;

describe('the allocation service under one greedy key', () => {
  it('holds no more live boards for a key than OPD_MAX_STREAMS_PER_KEY', async () => {
    const counter = stack.client('counter');
    const stop = new AbortController();
    const watch = () =>
      counter.watchDoctorDay(
        { doctorId, date: TODAY, changesOnly: false },
        { signal: stop.signal },
      );
    const boards = [watch(), watch()].map((stream) => stream[Symbol.asyncIterator]());
    // Each stream is open once its first board has arrived.
    for (const board of boards) expect((await board.next()).done).toBe(false);
    expect((await health()).details).toMatchObject({ streams: '2', keysAtStreamLimit: '1' });

    const thirdWatch = counter.watchDoctorDay({ doctorId, date: TODAY, changesOnly: false });
    const third = await refusal(thirdWatch[Symbol.asyncIterator]().next());
    expect(third).toMatchObject({
      code: grpc.status.RESOURCE_EXHAUSTED,
      reason: 'RATE_LIMITED',
      metadata: { limit: 'streams_per_key' },
    });
    // Another key is not affected.
    const doctorBoard = stack
      .client('doctor')
      .watchDoctorDay({ doctorId, date: TODAY, changesOnly: false }, { signal: stop.signal });
    expect((await doctorBoard[Symbol.asyncIterator]().next()).done).toBe(false);
    stop.abort();
  });

  it('holds off an address after OPD_AUTH_FAILURES_PER_MINUTE wrong keys, and says so', async () => {
    const stranger = stack.allocationAs({ key: 'a-guessed-key' });
    for (let n = 0; n < 4; n++) {
      expect(
        (
          await refusal(
            stranger.listDoctors({
              department: '',
              showInactive: false,
              pageSize: 1,
              pageToken: '',
            }),
          )
        ).reason,
      ).toBe('API_KEY_INVALID');
    }
    const heldOff = await refusal(
      stranger.listDoctors({ department: '', showInactive: false, pageSize: 1, pageToken: '' }),
    );
    expect(heldOff).toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED, reason: 'RATE_LIMITED' });
    expect(heldOff.retryAfterMs).toBeGreaterThan(0);
    expect((await health()).details).toMatchObject({ addressesHeldOff: '1' });
  });
});
