import { skipToken as decide } from '@opd/engine';
import type { CommandCall, CommandEnv } from './command-env.js';
import { moveToken, type MoveRequest } from './token-move.js';

/** The called patient did not come in: they wait again, behind everyone not skipped. */
export function skipToken<Res>(
  env: CommandEnv,
  call: CommandCall,
  input: { readonly tokenId: string },
  request: MoveRequest<Res>,
): Promise<Res> {
  return moveToken(env, call, input.tokenId, request, decide);
}
