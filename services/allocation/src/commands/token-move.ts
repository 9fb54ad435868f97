import type { Context, DoctorDay, Result, Token, TokenOutcome } from '@opd/engine';
import type { CommandCall, CommandEnv } from './command-env.js';
import type { DayView, Moment } from './day-view.js';
import { requestHashOf, runMutation } from './mutation.js';
import { Refusal } from './refusal.js';
import type { Reply } from './reply.js';

export type TokenDecision = (day: DoctorDay, tokenId: string, ctx: Context) => Result<TokenOutcome>;

/** A token after a move, the promotions the freed place caused, and the day just after. */
export interface TokenMoveOutcome {
  readonly token: Token;
  readonly promoted: readonly Token[];
  readonly view: DayView;
  readonly moment: Moment;
}

/** What a token action's caller hands in besides the token: the request and how to answer. */
export interface MoveRequest<Res> {
  readonly fingerprint: Uint8Array;
  readonly reply: Reply<TokenMoveOutcome, Res>;
}

/**
 * The shape every token action shares: find the token's doctor-day, queue for its batch, let the
 * engine decide under the day's lock, and answer with the token and any promotions it caused.
 */
export async function moveToken<Res>(
  env: CommandEnv,
  call: CommandCall,
  tokenId: string,
  request: MoveRequest<Res>,
  decide: TokenDecision,
  extra: { readonly cancelReason?: string } = {},
): Promise<Res> {
  const { reply } = request;
  const day = await env.locations.ofToken(tokenId);
  if (!day) {
    // Unknown token: a retry of an answered request still gets its answer; otherwise refused.
    return runMutation(
      env,
      call,
      { ...request, stored: reply, auditOnRefusal: { tokenId } },
      () => {
        throw new Refusal({ code: 'TOKEN_NOT_FOUND', tokenId });
      },
    );
  }
  return env.batcher.submit(day, {
    call,
    requestHash: requestHashOf(request.fingerprint),
    stored: reply,
    auditOnRefusal: { ...day, tokenId },
    opensDay: false,
    decide(view, ctx) {
      const decided = decide(view.day, tokenId, ctx.engine);
      if (!decided.ok) throw new Refusal(decided.error, day);
      const outcome = decided.value;
      return {
        day: outcome.day,
        events: outcome.events,
        ...(extra.cancelReason ? { cancelReasons: new Map([[tokenId, extra.cancelReason]]) } : {}),
        audit: {
          ...day,
          doctorDayId: outcome.day.id,
          tokenId,
          patientId: outcome.token.patientId,
        },
        answer: (after) =>
          reply.answer({
            token: outcome.token,
            promoted: outcome.promoted,
            view: after,
            moment: ctx.engine,
          }),
      };
    },
  });
}
