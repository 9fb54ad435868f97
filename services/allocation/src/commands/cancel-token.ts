import { CancelTokenResponse } from '@opd/api';
import { cancelToken as decide } from '@opd/engine';
import type { CommandCall, CommandEnv } from './command-env.js';
import { moveToken } from './token-move.js';

/** The patient will not come: the place goes to the waitlist at once. */
export function cancelToken(
  env: CommandEnv,
  call: CommandCall,
  input: { readonly tokenId: string; readonly reason: string },
  fingerprint: Uint8Array,
): Promise<CancelTokenResponse> {
  return moveToken(
    env,
    call,
    input.tokenId,
    { fingerprint, codec: CancelTokenResponse },
    (day, id, ctx) => decide(day, id, input.reason, ctx),
    (token, promotions) => ({ token, promotions }),
    { cancelReason: input.reason },
  );
}
