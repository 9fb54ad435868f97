import { CancelWaitlistEntryResponse } from '@opd/api';
import { cancelWaitlistEntry as decide } from '@opd/engine';
import { ApiError } from '@opd/service-runtime';
import { WaitlistEntry as EntryRow } from '../db/entities/index.js';
import { toApiError } from '../grpc/domain-errors.js';
import { entryMessage } from '../grpc/messages.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { viewAfter } from './day-view.js';
import { lockDoctorDayById, saveDoctorDay } from './doctor-day.js';
import { engineContext } from './engine-context.js';
import { runMutation } from './mutation.js';

/** A waiting patient withdraws. */
export function cancelWaitlistEntry(
  env: CommandEnv,
  call: CommandCall,
  input: { readonly waitlistEntryId: string; readonly reason: string },
  fingerprint: Uint8Array,
): Promise<CancelWaitlistEntryResponse> {
  const id = input.waitlistEntryId;
  return runMutation(
    env,
    call,
    { fingerprint, codec: CancelWaitlistEntryResponse, auditOnRefusal: { waitlistEntryId: id } },
    async (em) => {
      const row = await em.findOne(EntryRow, id);
      if (!row) {
        throw new ApiError('NOT_FOUND', `no waitlist entry has id ${id}`, {
          reason: 'WAITLIST_ENTRY_NOT_FOUND',
          metadata: { waitlist_entry_id: id },
        });
      }
      const locked = await lockDoctorDayById(em, row.doctorDayId);
      // Only waiting entries are loaded under the lock; a closed one cannot move any more.
      const current = await em.findOneOrFail(EntryRow, id, { refresh: true });
      if (current.status !== 'WAITING') {
        throw toApiError({
          code: 'INVALID_TRANSITION',
          subject: 'WAITLIST_ENTRY',
          from: current.status,
          to: 'CANCELLED',
        });
      }
      const decided = decide(locked.day, id, input.reason, engineContext(env));
      if (!decided.ok) throw toApiError(decided.error);
      await saveDoctorDay(em, env, locked, decided.value, call);
      const view = await viewAfter(em, locked, decided.value.day, {
        cancelReasons: new Map([[id, input.reason]]),
      });
      return {
        response: { waitlistEntry: entryMessage(view, decided.value.entry) },
        audit: {
          doctorId: locked.day.doctorId,
          doctorDayId: locked.day.id,
          date: locked.day.date,
          waitlistEntryId: id,
          patientId: decided.value.entry.patientId,
        },
      };
    },
  );
}
