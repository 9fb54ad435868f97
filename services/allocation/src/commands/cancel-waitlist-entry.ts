import { cancelWaitlistEntry as decide, type WaitlistEntry } from '@opd/engine';
import type { CommandCall, CommandEnv } from './command-env.js';
import type { DayView } from './day-view.js';
import { requestHashOf, runMutation } from './mutation.js';
import { Refusal } from './refusal.js';
import type { Reply } from './reply.js';

/** The entry after the cancellation, and the day just after it. */
export interface EntryCancellation {
  readonly entry: WaitlistEntry;
  readonly view: DayView;
}

/** A waiting patient withdraws. */
export async function cancelWaitlistEntry<Res>(
  env: CommandEnv,
  call: CommandCall,
  input: { readonly waitlistEntryId: string; readonly reason: string },
  request: { readonly fingerprint: Uint8Array; readonly reply: Reply<EntryCancellation, Res> },
): Promise<Res> {
  const id = input.waitlistEntryId;
  const { reply } = request;
  const day = await env.locations.ofWaitlistEntry(id);
  if (!day) {
    return runMutation(
      env,
      call,
      { ...request, stored: reply, auditOnRefusal: { waitlistEntryId: id } },
      () => {
        throw new Refusal({ code: 'WAITLIST_ENTRY_NOT_FOUND', waitlistEntryId: id });
      },
    );
  }
  return env.batcher.submit(day, {
    call,
    requestHash: requestHashOf(request.fingerprint),
    stored: reply,
    auditOnRefusal: { ...day, waitlistEntryId: id },
    opensDay: false,
    decide(view, ctx) {
      const decided = decide(view.day, id, input.reason, ctx.engine);
      if (!decided.ok) throw new Refusal(decided.error, day);
      const { entry } = decided.value;
      return {
        day: decided.value.day,
        events: decided.value.events,
        cancelReasons: new Map([[id, input.reason]]),
        audit: {
          ...day,
          doctorDayId: decided.value.day.id,
          waitlistEntryId: id,
          patientId: entry.patientId,
        },
        answer: (after) => reply.answer({ entry, view: after }),
      };
    },
  });
}
