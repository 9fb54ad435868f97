import { undoLastTransition, type TokenMove } from '@opd/engine';
import type { CommandCall, CommandEnv } from './command-env.js';
import { Refusal } from './refusal.js';
import { moveToken, type MoveRequest } from './token-move.js';

export interface UndoInput {
  readonly tokenId: string;
  /** The moves the caller's role may make, and so may take back (ADR 0008). */
  readonly allowedMoves: ReadonlySet<TokenMove>;
}

/**
 * Takes back a token's last move within the undo window. Only a role that may make a move may
 * undo it: the check needs the token's last move, so it is made under the day's lock.
 */
export function undoTokenTransition<Res>(
  env: CommandEnv,
  call: CommandCall,
  input: UndoInput,
  request: MoveRequest<Res>,
): Promise<Res> {
  return moveToken(env, call, input.tokenId, request, (day, tokenId, ctx) => {
    const move = day.tokens.find((t) => t.id === tokenId)?.lastTransition?.move;
    if (move && !input.allowedMoves.has(move)) {
      throw new Refusal({ code: 'MOVE_NOT_ALLOWED', move, role: call.actor.role });
    }
    return undoLastTransition(day, tokenId, ctx);
  });
}
