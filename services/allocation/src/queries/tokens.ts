import * as grpc from '@grpc/grpc-js';
import type {
  FindPatientResponse,
  GetTokenResponse,
  Token as TokenMessage,
  WaitlistEntry as EntryMessage,
} from '@opd/api';
import { ApiError } from '@opd/service-runtime';
import {
  DoctorDay as DoctorDayRow,
  Patient,
  Token as TokenRow,
  WaitlistEntry as EntryRow,
} from '../db/entities/index.js';
import type { CommandCall, CommandEnv } from '../commands/command-env.js';
import { addAuditEntry, SUCCEEDED } from '../commands/audit.js';
import { loadDayView } from '../commands/day-view.js';
import { entryMessage, tokenMessage } from '../grpc/messages.js';
import { localDate } from '../hospital.js';

export async function getToken(env: CommandEnv, tokenId: string): Promise<GetTokenResponse> {
  const em = env.orm.em.fork();
  const row = await em.findOne(TokenRow, tokenId);
  if (!row) {
    throw new ApiError('NOT_FOUND', `no token has id ${tokenId}`, {
      reason: 'TOKEN_NOT_FOUND',
      metadata: { token_id: tokenId },
    });
  }
  const view = await loadDayView(em, await em.findOneOrFail(DoctorDayRow, row.doctorDayId));
  const token = view.day.tokens.find((t) => t.id === tokenId);
  return { token: token && tokenMessage(view, token) };
}

/**
 * A patient by phone with what they hold from today on: held tokens and WAITING entries. Every
 * lookup is audited, found or not (phone lookups reveal who is a patient).
 */
export async function findPatient(
  env: CommandEnv,
  call: Pick<CommandCall, 'method' | 'actor'>,
  phone: string,
): Promise<FindPatientResponse> {
  const em = env.orm.em.fork();
  const patient = await em.findOne(Patient, { phone });
  await auditLookup(env, call, patient?.id);
  if (!patient) {
    throw new ApiError('NOT_FOUND', 'no patient is registered with this phone number', {
      reason: 'PATIENT_NOT_FOUND',
    });
  }
  const today = localDate(env.hospital, env.clock.now());
  const days = await em.find(
    DoctorDayRow,
    {
      date: { $gte: today },
      $or: [
        {
          id: {
            $in: (
              await em.find(TokenRow, {
                patientId: patient.id,
                status: { $in: ['ALLOCATED', 'CHECKED_IN', 'COMPLETED'] },
              })
            ).map((t) => t.doctorDayId),
          },
        },
        {
          id: {
            $in: (await em.find(EntryRow, { patientId: patient.id, status: 'WAITING' })).map(
              (e) => e.doctorDayId,
            ),
          },
        },
      ],
    },
    { orderBy: { date: 'asc' } },
  );
  const tokens: TokenMessage[] = [];
  const waitlistEntries: EntryMessage[] = [];
  for (const day of days) {
    const view = await loadDayView(em, day);
    for (const t of view.day.tokens) {
      if (t.patientId === patient.id && ['ALLOCATED', 'CHECKED_IN', 'COMPLETED'].includes(t.status))
        tokens.push(tokenMessage(view, t));
    }
    for (const e of view.day.waitlist) {
      if (e.patientId === patient.id && e.status === 'WAITING')
        waitlistEntries.push(entryMessage(view, e));
    }
  }
  return {
    patient: {
      patientId: patient.id,
      phone: patient.phone,
      name: patient.name,
      createTime: patient.createdAt,
    },
    tokens,
    waitlistEntries,
  };
}

/** One audit row per patient lookup: who looked, when, and whom they found (if anyone). */
async function auditLookup(
  env: CommandEnv,
  call: Pick<CommandCall, 'method' | 'actor'>,
  patientId: string | undefined,
): Promise<void> {
  const em = env.orm.em.fork();
  const outcome = patientId
    ? SUCCEEDED
    : { code: grpc.status.NOT_FOUND, reason: 'PATIENT_NOT_FOUND', replayed: false };
  addAuditEntry(em, env, { ...call, requestId: '' }, outcome, patientId ? { patientId } : {});
  await em.flush();
}
