import type { Promotion } from '@opd/api';
import type { Context, DoctorDay, Result, Token, TokenOutcome } from '@opd/engine';
import { ApiError } from '@opd/service-runtime';
import { Token as TokenRow } from '../db/entities/index.js';
import { toApiError } from '../grpc/domain-errors.js';
import { tokenMessage } from '../grpc/messages.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { viewAfter, type DayView } from './day-view.js';
import { lockDoctorDayById, saveDoctorDay } from './doctor-day.js';
import { engineContext } from './engine-context.js';
import { runMutation, type ResponseCodec } from './mutation.js';

export type TokenDecision = (day: DoctorDay, tokenId: string, ctx: Context) => Result<TokenOutcome>;

/**
 * The shape every token action shares: find the token's doctor-day, lock it, let the engine
 * decide, persist, and answer with the token and any promotions the freed place caused.
 */
export async function moveToken<Res>(
  env: CommandEnv,
  call: CommandCall,
  tokenId: string,
  request: { readonly fingerprint: Uint8Array; readonly codec: ResponseCodec<Res> },
  decide: TokenDecision,
  respond: (token: ReturnType<typeof tokenMessage>, promotions: Promotion[]) => Res,
  extra: { readonly cancelReason?: string } = {},
): Promise<Res> {
  return runMutation(env, call, { ...request, auditOnRefusal: { tokenId } }, async (em) => {
    const row = await em.findOne(TokenRow, tokenId);
    if (!row) {
      throw new ApiError('NOT_FOUND', `no token has id ${tokenId}`, {
        reason: 'TOKEN_NOT_FOUND',
        metadata: { token_id: tokenId },
      });
    }
    const locked = await lockDoctorDayById(em, row.doctorDayId);
    const decided = decide(locked.day, tokenId, engineContext(env));
    if (!decided.ok)
      throw toApiError(decided.error, { doctorId: locked.day.doctorId, date: locked.day.date });
    const outcome = decided.value;
    await saveDoctorDay(em, env, locked, outcome, call);
    const reasons = extra.cancelReason ? new Map([[tokenId, extra.cancelReason]]) : undefined;
    const view = await viewAfter(
      em,
      locked,
      outcome.day,
      reasons ? { cancelReasons: reasons } : {},
    );
    return {
      response: respond(
        tokenMessage(view, outcome.token),
        promotionMessages(view, outcome.promoted),
      ),
      audit: {
        doctorId: locked.day.doctorId,
        doctorDayId: locked.day.id,
        date: locked.day.date,
        tokenId,
        patientId: outcome.token.patientId,
      },
    };
  });
}

export function promotionMessages(view: DayView, promoted: readonly Token[]): Promotion[] {
  return promoted.map((t) => ({
    waitlistEntryId: t.promotedFromEntryId ?? '',
    token: tokenMessage(view, t),
  }));
}
