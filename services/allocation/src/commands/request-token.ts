import { requestToken as decide, type RequestOutcome, type Source } from '@opd/engine';
import type { CommandCall, CommandEnv } from './command-env.js';
import type { DayView, Moment } from './day-view.js';
import type { PatientRef } from './day-work.js';
import { requestHashOf } from './mutation.js';
import { Refusal } from './refusal.js';
import type { Reply } from './reply.js';
import { withAlternatives } from '../queries/alternatives.js';

export interface TokenRequestInput {
  /** By phone (E.164, already normalised) and name, or by a known patient id. */
  readonly patient: PatientRef;
  readonly doctorId: string;
  readonly date: string;
  readonly source: Source;
  readonly preferredSlotId: string | undefined;
  readonly notes: string;
}

/** What a request got, and the day just after it (for the answer). */
export interface TokenRequestOutcome {
  readonly outcome: RequestOutcome;
  readonly view: DayView;
  readonly moment: Moment;
}

/**
 * A patient asks for a doctor on a day: found or registered on their phone, then placed by the
 * engine under the doctor-day's lock — a slot, someone's place by preemption, or the waitlist —
 * in a batch with the other requests for that day (commands/doctor-day-batch.ts).
 */
export async function requestToken<Res>(
  env: CommandEnv,
  call: CommandCall,
  input: TokenRequestInput,
  request: { readonly fingerprint: Uint8Array; readonly reply: Reply<TokenRequestOutcome, Res> },
): Promise<Res> {
  const scope = { doctorId: input.doctorId, date: input.date };
  const { reply } = request;
  try {
    return await env.batcher.submit(scope, {
      call,
      requestHash: requestHashOf(request.fingerprint),
      stored: reply,
      patient: input.patient,
      auditOnRefusal: scope,
      opensDay: true,
      decide(view, ctx) {
        if (!ctx.doctor.active)
          throw new Refusal({ code: 'DOCTOR_INACTIVE', doctorId: ctx.doctor.id }, scope);
        const patientId = ctx.patient?.id ?? '';
        const decided = decide(
          view.day,
          { patientId, source: input.source, preferredSlotId: input.preferredSlotId },
          ctx.engine,
        );
        if (!decided.ok) throw new Refusal(decided.error, scope);
        const outcome = decided.value;
        const createdId = outcome.kind === 'ALLOCATED' ? outcome.token.id : outcome.entry.id;
        const created =
          outcome.kind === 'ALLOCATED' ? { tokenId: createdId } : { waitlistEntryId: createdId };
        return {
          day: outcome.day,
          events: outcome.events,
          ...(input.notes ? { notes: new Map([[createdId, input.notes]]) } : {}),
          audit: { ...scope, doctorDayId: outcome.day.id, patientId, ...created },
          answer: (after) => reply.answer({ outcome, view: after, moment: ctx.engine }),
        };
      },
    });
  } catch (error) {
    throw await withAlternatives(env, error);
  }
}
