// The doctor's room: call next, recall, skip and complete with the room's key (role doctor),
// transfer with the counter's key (a transfer is the counter's move, ADR 0008), and undo with
// the key of the role that made the move being undone.
import type { InvokeMap, TransferResult } from '../../shared/ipc-contract.js';
import { ROOM_MOVES } from '../../shared/room-actions.js';
import type { HandlerDeps } from './deps.js';
import { fromTokenMove, fromUndoableMove } from './enums.js';
import { withRetry } from './retry.js';
import { required, tokenView } from './to-view.js';

type Req<K extends keyof InvokeMap> = InvokeMap[K]['request'];

export function roomHandlers(deps: HandlerDeps) {
  const { allocation, room } = deps.clients;
  const token = (answer: { token?: Parameters<typeof tokenView>[0] | undefined }) =>
    tokenView(required(answer.token, 'the token'));

  return {
    async callNext(request: Req<'callNext'>) {
      // Retried with the same request_id: a call that went through is answered, not repeated.
      const answer = await withRetry(() => room.callNext(request));
      return {
        token: answer.token ? tokenView(answer.token) : null,
        queueLength: answer.queueLength,
      };
    },

    recallToken: async (request: Req<'recallToken'>) =>
      token(await withRetry(() => room.recallToken(request))),

    skipToken: async (request: Req<'skipToken'>) =>
      token(await withRetry(() => room.skipToken(request))),

    completeCalled: async (request: Req<'completeCalled'>) =>
      token(await withRetry(() => room.completeToken(request))),

    async transferToken(request: Req<'transferToken'>): Promise<TransferResult> {
      const answer = await withRetry(() =>
        allocation.transferToken({ ...request, reason: request.reason.trim() }),
      );
      return {
        token: tokenView(required(answer.token, 'the token')),
        newToken: tokenView(required(answer.newToken, 'the new token')),
        preemption: answer.preemption
          ? {
              tokenNumber: answer.preemption.preemptedTokenNumber,
              waitlistPosition: answer.preemption.waitlistPosition,
            }
          : null,
        promoted: answer.promotions.flatMap((p) => (p.token ? [tokenView(p.token)] : [])),
      };
    },

    async undoTransition(request: Req<'undoTransition'>) {
      // Only the role that may make a move may undo it: read which move is undoable, then ask
      // with that role's key. With nothing to undo the service says so (UNDO_REFUSED).
      const current = await withRetry(() => allocation.getToken({ tokenId: request.tokenId }));
      const move = fromUndoableMove(required(current.token, 'the token').undoableMove);
      const client = move !== null && ROOM_MOVES.has(move) ? room : allocation;
      const answer = await withRetry(() => client.undoTokenTransition(request));
      return { token: token(answer), undoneMove: fromTokenMove(answer.undoneMove) };
    },
  };
}
