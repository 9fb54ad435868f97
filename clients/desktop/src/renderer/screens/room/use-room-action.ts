// The room's keys as one mutation: call next, recall, skip, complete and undo. Each answer is
// put on the cached board at once, so the next key acts on what the room just did; the live
// board's next snapshot (a higher sequence) then replaces it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { withToken } from '../../../shared/room-actions.js';
import type { BoardView, TokenMoveName, TokenView } from '../../../shared/views.js';
import { boardKey } from '../../hooks/use-live-board.js';
import { call, newRequestId } from '../../opd.js';

export type RoomMove = 'callNext' | 'recall' | 'skip' | 'complete' | 'undo';

export interface RoomRequest {
  readonly move: RoomMove;
  readonly doctorId: string;
  readonly date: string;
  /** The token the key acts on (not used by callNext). */
  readonly token: TokenView | null;
}

export interface RoomDone {
  readonly move: RoomMove;
  /** The token as it is now; null when call next found nobody waiting. */
  readonly token: TokenView | null;
  readonly undoneMove: TokenMoveName | null;
}

async function run(request: RoomRequest): Promise<RoomDone> {
  const requestId = newRequestId();
  const { move } = request;
  if (move === 'callNext') {
    const answer = await call('callNext', {
      requestId,
      doctorId: request.doctorId,
      date: request.date,
    });
    return { move, token: answer.token, undoneMove: null };
  }
  const tokenId = request.token?.tokenId ?? '';
  switch (move) {
    case 'recall':
      return { move, token: await call('recallToken', { requestId, tokenId }), undoneMove: null };
    case 'skip':
      return { move, token: await call('skipToken', { requestId, tokenId }), undoneMove: null };
    case 'complete':
      return {
        move,
        token: await call('completeCalled', { requestId, tokenId }),
        undoneMove: null,
      };
    case 'undo': {
      const answer = await call('undoTransition', { requestId, tokenId });
      return { move, token: answer.token, undoneMove: answer.undoneMove };
    }
  }
}

export function useRoomAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (done, request) => {
      const { token } = done;
      if (token === null) return;
      client.setQueryData<BoardView>(boardKey(request.doctorId, request.date), (board) =>
        board ? withToken(board, token) : board,
      );
    },
  });
}
