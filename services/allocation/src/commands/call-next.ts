import { callNext as decide, roomQueue, type Token } from '@opd/engine';
import type { CommandCall, CommandEnv } from './command-env.js';
import type { DayView, Moment } from './day-view.js';
import { requestHashOf } from './mutation.js';
import { Refusal } from './refusal.js';
import type { Reply } from './reply.js';

/** The patient called, if anyone waited, and the room queue left behind. */
export interface CallOutcome {
  readonly token: Token | undefined;
  readonly queueLength: number;
  readonly view: DayView | undefined;
  readonly moment: Moment;
}

/**
 * The room calls its next patient: the first of the room queue becomes CALLED, under the day's
 * lock, in a batch with the day's other changes. A day nobody has booked has nobody to call.
 */
export function callNext<Res>(
  env: CommandEnv,
  call: CommandCall,
  input: { readonly doctorId: string; readonly date: string },
  request: { readonly fingerprint: Uint8Array; readonly reply: Reply<CallOutcome, Res> },
): Promise<Res> {
  const { reply } = request;
  return env.batcher.submit(input, {
    call,
    requestHash: requestHashOf(request.fingerprint),
    stored: reply,
    auditOnRefusal: input,
    opensDay: false,
    unopened: () =>
      reply.answer({ token: undefined, queueLength: 0, view: undefined, moment: moment(env) }),
    decide(view, ctx) {
      const decided = decide(view.day, ctx.engine);
      if (!decided.ok) throw new Refusal(decided.error, input);
      const { token } = decided.value;
      return {
        day: decided.value.day,
        events: decided.value.events,
        audit: {
          ...input,
          doctorDayId: view.day.id,
          ...(token ? { tokenId: token.id, patientId: token.patientId } : {}),
        },
        answer: (after) =>
          reply.answer({
            token: token && after.day.tokens.find((t) => t.id === token.id),
            queueLength: roomQueue(after.day).length,
            view: after,
            moment: ctx.engine,
          }),
      };
    },
  });
}

const moment = (env: CommandEnv): Moment => ({ now: env.clock.now(), policy: env.hospital.policy });
