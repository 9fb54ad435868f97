// The doctor-day board, once.
import type { InvokeMap } from '../../shared/ipc-contract.js';
import type { BoardView } from '../../shared/views.js';
import type { HandlerDeps } from './deps.js';
import { withRetry } from './retry.js';
import { boardView, required } from './to-view.js';

export function boardHandlers(deps: HandlerDeps) {
  return {
    async getBoard(request: InvokeMap['getBoard']['request']): Promise<BoardView> {
      const answer = await withRetry(() => deps.clients.allocation.getDoctorDayBoard(request));
      return boardView(required(answer.board, 'the board'));
    },
  };
}
