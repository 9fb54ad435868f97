import { CompleteTokenResponse } from '@opd/api';
import { completeToken as decide } from '@opd/engine';
import type { CommandCall, CommandEnv } from './command-env.js';
import { moveToken } from './token-move.js';

/** The consultation is over. */
export function completeToken(
  env: CommandEnv,
  call: CommandCall,
  input: { readonly tokenId: string },
  fingerprint: Uint8Array,
): Promise<CompleteTokenResponse> {
  return moveToken(
    env,
    call,
    input.tokenId,
    { fingerprint, codec: CompleteTokenResponse },
    decide,
    (token) => ({
      token,
    }),
  );
}
