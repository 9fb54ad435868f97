import { markNoShow as decide } from '@opd/engine';
import type { CommandCall, CommandEnv } from './command-env.js';
import { moveToken, type MoveRequest } from './token-move.js';

/** The patient did not come within the grace period: the place goes to the waitlist. */
export function markNoShow<Res>(
  env: CommandEnv,
  call: CommandCall,
  input: { readonly tokenId: string },
  request: MoveRequest<Res>,
): Promise<Res> {
  return moveToken(env, call, input.tokenId, request, decide);
}
