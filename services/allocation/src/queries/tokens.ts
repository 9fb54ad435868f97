import type { PatientDetails, PatientSex } from '../patient-details.js';
import { isHeld, type Token, type WaitlistEntry } from '@opd/engine';
import {
  DoctorDay as DoctorDayRow,
  Patient,
  Token as TokenRow,
  WaitlistEntry as EntryRow,
} from '../db/entities/index.js';
import type { CommandCall, CommandEnv } from '../commands/command-env.js';
import { addAuditEntry, SUCCEEDED } from '../commands/audit.js';
import { loadDayView, type DayView } from '../commands/day-view.js';
import { Refusal } from '../commands/refusal.js';
import { localDate } from '../hospital.js';

/** A token with the day it is on, for its answer. */
export interface TokenOnDay {
  readonly view: DayView;
  readonly token: Token;
}

export interface EntryOnDay {
  readonly view: DayView;
  readonly entry: WaitlistEntry;
}

export async function getToken(env: CommandEnv, tokenId: string): Promise<TokenOnDay> {
  const em = env.orm.em.fork();
  const row = await em.findOne(TokenRow, tokenId);
  if (!row) throw new Refusal({ code: 'TOKEN_NOT_FOUND', tokenId });
  const view = await loadDayView(em, await em.findOneOrFail(DoctorDayRow, row.doctorDayId));
  const token = view.day.tokens.find((t) => t.id === tokenId);
  if (!token) throw new Refusal({ code: 'TOKEN_NOT_FOUND', tokenId });
  return { view, token };
}

export interface PatientRecord {
  readonly id: string;
  readonly phone: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly details: PatientDetails;
}

/** Everyone registered on a phone, and what they hold from today on. */
export interface PhoneHoldings {
  /** First registered first; never empty. */
  readonly patients: readonly PatientRecord[];
  readonly tokens: readonly TokenOnDay[];
  readonly entries: readonly EntryOnDay[];
}

/**
 * Every patient on a phone (a family may share one) with what they hold from today on: held
 * tokens and WAITING entries. Every lookup is audited, found or not (phone lookups reveal who
 * is a patient).
 */
export async function findPatient(
  env: CommandEnv,
  call: Pick<CommandCall, 'method' | 'actor'>,
  phone: string,
): Promise<PhoneHoldings> {
  const em = env.orm.em.fork();
  const patients = await em.find(
    Patient,
    { phone },
    { orderBy: { createdAt: 'asc', id: 'asc' }, disableIdentityMap: true },
  );
  await auditLookup(env, call, patients[0]?.id);
  if (patients.length === 0) throw new Refusal({ code: 'PATIENT_NOT_FOUND' });
  const ids = patients.map((p) => p.id);
  const today = localDate(env.hospital, env.clock.now());
  const [heldDays, waitingDays] = await Promise.all([
    em.find(TokenRow, {
      patientId: { $in: ids },
      status: { $in: ['ALLOCATED', 'CHECKED_IN', 'COMPLETED'] },
    }),
    em.find(EntryRow, { patientId: { $in: ids }, status: 'WAITING' }),
  ]);
  const days = await em.find(
    DoctorDayRow,
    {
      date: { $gte: today },
      id: { $in: [...heldDays, ...waitingDays].map((x) => x.doctorDayId) },
    },
    { orderBy: { date: 'asc', id: 'asc' } },
  );
  const mine = new Set(ids);
  const tokens: TokenOnDay[] = [];
  const entries: EntryOnDay[] = [];
  for (const day of days) {
    const view = await loadDayView(em, day);
    const slotStart = new Map(view.day.slots.map((s) => [s.id, s.startsAt]));
    const held = view.day.tokens
      .filter((t) => mine.has(t.patientId) && isHeld(t))
      .sort((a, b) => (slotStart.get(a.slotId) ?? 0) - (slotStart.get(b.slotId) ?? 0));
    tokens.push(...held.map((token) => ({ view, token })));
    for (const entry of view.day.waitlist) {
      if (mine.has(entry.patientId) && entry.status === 'WAITING') entries.push({ view, entry });
    }
  }
  return {
    patients: patients.map((p) => ({
      id: p.id,
      phone: p.phone,
      name: p.name,
      createdAt: p.createdAt,
      details: {
        sex: (p.sex as PatientSex | null | undefined) ?? null,
        birthDate: p.birthDate ?? null,
        birthDateEstimated: p.birthDateEstimated,
        abhaNumber: p.abhaNumber ?? null,
        hospitalNumber: p.hospitalNumber ?? null,
      },
    })),
    tokens,
    entries,
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
    : env.describeFailure(new Refusal({ code: 'PATIENT_NOT_FOUND' }));
  addAuditEntry(em, env, { ...call, requestId: '' }, outcome, patientId ? { patientId } : {});
  await em.flush();
}
