import { RequestTokenResponse } from '@opd/api';
import { requestToken as decide, type Source } from '@opd/engine';
import { ApiError } from '@opd/service-runtime';
import { Doctor } from '../db/entities/index.js';
import { findOrCreatePatient } from '../db/patients.js';
import { toApiError } from '../grpc/domain-errors.js';
import { entryMessage, slotMessage, tokenMessage } from '../grpc/messages.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { viewAfter } from './day-view.js';
import { openAndLockDoctorDay, saveDoctorDay } from './doctor-day.js';
import { engineContext } from './engine-context.js';
import { runMutation } from './mutation.js';

export interface TokenRequestInput {
  /** E.164, already normalised. */
  readonly phone: string;
  readonly name: string;
  readonly doctorId: string;
  readonly date: string;
  readonly source: Source;
  readonly preferredSlotId: string | undefined;
  readonly notes: string;
}

/**
 * A patient asks for a doctor on a day: registered by phone if new, then placed by the engine
 * under the doctor-day's lock (a slot, someone's place by preemption, or the waitlist).
 */
export async function requestToken(
  env: CommandEnv,
  call: CommandCall,
  input: TokenRequestInput,
  fingerprint: Uint8Array,
): Promise<RequestTokenResponse> {
  const scope = { doctorId: input.doctorId, date: input.date };
  const turn = `${input.doctorId}/${input.date}`;
  return env.queue.run(turn, call.signal, () =>
    runMutation(
      env,
      call,
      { fingerprint, codec: RequestTokenResponse, auditOnRefusal: scope },
      async (em) => {
        const doctor = await em.findOne(Doctor, input.doctorId);
        if (!doctor) {
          throw new ApiError('NOT_FOUND', `no doctor has id ${input.doctorId}`, {
            reason: 'DOCTOR_NOT_FOUND',
            metadata: { doctor_id: input.doctorId },
          });
        }
        if (!doctor.active) {
          throw new ApiError(
            'FAILED_PRECONDITION',
            'the doctor is inactive and takes no new requests',
            {
              reason: 'DOCTOR_INACTIVE',
              metadata: { doctor_id: doctor.id },
            },
          );
        }
        const now = new Date(env.clock.now());
        const patient = await findOrCreatePatient(em, input.phone, input.name, env.newId(), now);
        const locked = await openAndLockDoctorDay(em, env, doctor, input.date);
        const decided = decide(
          locked.day,
          { patientId: patient.id, source: input.source, preferredSlotId: input.preferredSlotId },
          engineContext(env),
        );
        if (!decided.ok) throw toApiError(decided.error, scope);
        const outcome = decided.value;
        const createdId = outcome.kind === 'ALLOCATED' ? outcome.token.id : outcome.entry.id;
        const notes = input.notes ? { id: createdId, text: input.notes } : undefined;
        await saveDoctorDay(em, env, locked, outcome, call, notes ? { notes } : {});
        const view = await viewAfter(em, locked, outcome.day, {
          ...(notes ? { notes } : {}),
          knownNames: new Map([[patient.id, patient.name]]),
        });
        const audit = { ...scope, doctorDayId: outcome.day.id, patientId: patient.id };

        if (outcome.kind === 'WAITLISTED') {
          return {
            response: {
              outcome: {
                $case: 'waitlisted',
                value: { waitlistEntry: entryMessage(view, outcome.entry) },
              },
            },
            audit: { ...audit, waitlistEntryId: outcome.entry.id },
          };
        }
        const preempted = outcome.preempted;
        return {
          response: {
            outcome: {
              $case: 'allocated',
              value: {
                token: tokenMessage(view, outcome.token),
                slot: slotMessage(view, outcome.slot),
                preemption: preempted && {
                  preemptedTokenId: preempted.id,
                  preemptedTokenNumber: preempted.number,
                  slotId: preempted.slotId,
                  waitlistEntryId: outcome.displacedEntry?.id ?? '',
                  waitlistPosition: outcome.displacedPosition ?? 0,
                  reason: preempted.preemptionReason ?? '',
                },
              },
            },
          },
          audit: { ...audit, tokenId: outcome.token.id },
        };
      },
    ),
  );
}
