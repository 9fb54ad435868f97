import { MarkNoShowResponse } from '@opd/api';
import { markNoShow as decide } from '@opd/engine';
import type { CommandCall, CommandEnv } from './command-env.js';
import { moveToken } from './token-move.js';

/** The patient did not come within the grace period: the place goes to the waitlist. */
export function markNoShow(
  env: CommandEnv,
  call: CommandCall,
  input: { readonly tokenId: string },
  fingerprint: Uint8Array,
): Promise<MarkNoShowResponse> {
  return moveToken(
    env,
    call,
    input.tokenId,
    { fingerprint, codec: MarkNoShowResponse },
    decide,
    (token, promotions) => ({ token, promotions }),
  );
}
