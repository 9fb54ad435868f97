import { cancelToken as decide } from '@opd/engine';
import type { CommandCall, CommandEnv } from './command-env.js';
import { moveToken, type MoveRequest } from './token-move.js';

/** The patient will not come: the place goes to the waitlist at once. */
export function cancelToken<Res>(
  env: CommandEnv,
  call: CommandCall,
  input: { readonly tokenId: string; readonly reason: string },
  request: MoveRequest<Res>,
): Promise<Res> {
  return moveToken(
    env,
    call,
    input.tokenId,
    request,
    (day, id, ctx) => decide(day, id, input.reason, ctx),
    { cancelReason: input.reason },
  );
}
