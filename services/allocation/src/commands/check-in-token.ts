import { CheckInTokenResponse } from '@opd/api';
import { checkInToken as decide } from '@opd/engine';
import type { CommandCall, CommandEnv } from './command-env.js';
import { moveToken } from './token-move.js';

/** The patient is at the OPD: safe from no-show and preemption from now on. */
export function checkInToken(
  env: CommandEnv,
  call: CommandCall,
  input: { readonly tokenId: string },
  fingerprint: Uint8Array,
): Promise<CheckInTokenResponse> {
  return moveToken(
    env,
    call,
    input.tokenId,
    { fingerprint, codec: CheckInTokenResponse },
    decide,
    (token) => ({
      token,
    }),
  );
}
