import { recallToken as decide } from '@opd/engine';
import type { CommandCall, CommandEnv } from './command-env.js';
import { moveToken, type MoveRequest } from './token-move.js';

/** The room announces its called patient again: the display flashes and speaks it once more. */
export function recallToken<Res>(
  env: CommandEnv,
  call: CommandCall,
  input: { readonly tokenId: string },
  request: MoveRequest<Res>,
): Promise<Res> {
  return moveToken(env, call, input.tokenId, request, decide);
}
