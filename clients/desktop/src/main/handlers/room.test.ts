// Which key each of the room's calls goes out with: the room's (role doctor) for its own
// moves, the counter's for a transfer, and for an undo the key of the role that made the move.
import { describe, expect, it } from '@jest/globals';
import { Source, Token, TokenMove, TokenStatus } from '@opd/api';
import type { AllocationClient, ServiceClients } from './clients.js';
import type { HandlerDeps } from './deps.js';
import { roomHandlers } from './room.js';

const ID = '0b7e3d9a-5c41-4f0e-8a2b-1d3c5e7f9a11';
const TARGET = '5d0c7a3e-2b8f-4c61-9e0a-7f3b1c2d4e5f';
const token = (patch: Partial<Token> = {}) =>
  Token.fromPartial({
    tokenId: ID,
    tokenNumber: 7,
    source: Source.SOURCE_WALK_IN,
    status: TokenStatus.TOKEN_STATUS_CALLED,
    ...patch,
  });

/** A stand-in allocation client that answers the room's calls and notes who was asked. */
function client(name: string, calls: string[], undoable = TokenMove.TOKEN_MOVE_UNSPECIFIED) {
  const note = (method: string) => calls.push(`${name}.${method}`);
  return {
    callNext: async () => (note('callNext'), { token: token(), queueLength: 3 }),
    recallToken: async () => (note('recallToken'), { token: token({ recallCount: 1 }) }),
    skipToken: async () => (note('skipToken'), { token: token({ skipCount: 1 }) }),
    completeToken: async () => (note('completeToken'), { token: token() }),
    getToken: async () => (note('getToken'), { token: token({ undoableMove: undoable }) }),
    undoTokenTransition: async () => (
      note('undoTokenTransition'),
      { token: token(), undoneMove: undoable }
    ),
    transferToken: async (request: { reason: string }) => (
      note(`transferToken(${request.reason})`),
      {
        token: token({ status: TokenStatus.TOKEN_STATUS_TRANSFERRED }),
        newToken: token({ tokenId: TARGET, tokenNumber: 12 }),
        preemption: undefined,
        promotions: [],
      }
    ),
  } as unknown as AllocationClient;
}

function room(undoable = TokenMove.TOKEN_MOVE_UNSPECIFIED) {
  const calls: string[] = [];
  const clients: ServiceClients = {
    allocation: client('counter', calls, undoable),
    room: client('doctor', calls, undoable),
    reporting: null,
  };
  return { handlers: roomHandlers({ clients } as unknown as HandlerDeps), calls };
}

const action = { requestId: ID, tokenId: ID };

describe("the room's calls and their keys", () => {
  it("calls, recalls, skips and completes with the room's key", async () => {
    const { handlers, calls } = room();
    const called = await handlers.callNext({ requestId: ID, doctorId: ID, date: '2026-11-30' });
    expect(called).toMatchObject({ queueLength: 3, token: { tokenNumber: 7, status: 'CALLED' } });
    expect((await handlers.recallToken(action)).recallCount).toBe(1);
    expect((await handlers.skipToken(action)).skipCount).toBe(1);
    await handlers.completeCalled(action);
    expect(calls).toEqual([
      'doctor.callNext',
      'doctor.recallToken',
      'doctor.skipToken',
      'doctor.completeToken',
    ]);
  });

  it("transfers with the counter's key, the reason without stray spaces", async () => {
    const { handlers, calls } = room();
    const moved = await handlers.transferToken({
      ...action,
      targetDoctorId: TARGET,
      reason: '  Needs ENT opinion ',
    });
    expect(calls).toEqual(['counter.transferToken(Needs ENT opinion)']);
    expect(moved).toMatchObject({
      token: { status: 'TRANSFERRED' },
      newToken: { tokenNumber: 12 },
      preemption: null,
      promoted: [],
    });
  });

  it("undoes a call with the room's key and a check-in with the counter's", async () => {
    const call = room(TokenMove.TOKEN_MOVE_CALL);
    expect(await call.handlers.undoTransition(action)).toMatchObject({ undoneMove: 'CALL' });
    expect(call.calls).toEqual(['counter.getToken', 'doctor.undoTokenTransition']);

    const checkIn = room(TokenMove.TOKEN_MOVE_CHECK_IN);
    await checkIn.handlers.undoTransition(action);
    expect(checkIn.calls).toEqual(['counter.getToken', 'counter.undoTokenTransition']);
  });
});
