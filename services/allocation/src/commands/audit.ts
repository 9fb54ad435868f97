import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditRow } from '../db/doctor-day-store.js';
import { AuditEntry } from '../db/entities/index.js';
import type { Actor, CommandEnv } from './command-env.js';

/** What a change touched, for the audit trail. */
export interface AuditTargets {
  readonly doctorId?: string;
  readonly doctorDayId?: string;
  readonly date?: string;
  readonly tokenId?: string;
  readonly waitlistEntryId?: string;
  readonly patientId?: string;
}

/** Who acted, through which RPC (or job), under which idempotency key ('' for none). */
export interface AuditedCall {
  readonly method: string;
  readonly actor: Actor;
  readonly requestId: string;
}

/** How the action ended; a refusal carries its gRPC code and reason. */
export interface AuditOutcome {
  /** The status code the caller heard: 0 when it succeeded; grpc/ says which for a refusal. */
  readonly code: number;
  readonly reason: string;
  /** Answered from the idempotency record: a retry, not a second change. */
  readonly replayed: boolean;
}

export const SUCCEEDED: AuditOutcome = { code: 0, reason: '', replayed: false };

/** Adds one audit row to `em`'s unit of work; it is written with the caller's flush or commit. */
export function addAuditEntry(
  em: EntityManager,
  env: CommandEnv,
  call: AuditedCall,
  outcome: AuditOutcome,
  targets: AuditTargets,
): void {
  em.create(AuditEntry, {
    id: env.newId(),
    occurredAt: new Date(env.clock.now()),
    keyName: call.actor.keyName,
    role: call.actor.role,
    peer: call.actor.peer,
    userAgent: call.actor.userAgent,
    action: call.method,
    requestId: call.requestId,
    outcomeCode: outcome.code,
    outcomeReason: outcome.reason,
    replayed: outcome.replayed,
    doctorId: targets.doctorId ?? null,
    doctorDayId: targets.doctorDayId ?? null,
    date: targets.date ?? null,
    tokenId: targets.tokenId ?? null,
    waitlistEntryId: targets.waitlistEntryId ?? null,
    patientId: targets.patientId ?? null,
  });
}

/** What the first, answered attempt of a request touched: a replay is audited against it too. */
export async function originalTargets(em: EntityManager, call: AuditedCall): Promise<AuditTargets> {
  const original = await em.findOne(
    AuditEntry,
    { keyName: call.actor.keyName, requestId: call.requestId, replayed: false, outcomeCode: 0 },
    { disableIdentityMap: true },
  );
  if (!original) return {};
  const present = (value: string | null | undefined) => value ?? undefined;
  return withoutUndefined({
    doctorId: present(original.doctorId),
    doctorDayId: present(original.doctorDayId),
    date: present(original.date),
    tokenId: present(original.tokenId),
    waitlistEntryId: present(original.waitlistEntryId),
    patientId: present(original.patientId),
  });
}

function withoutUndefined(targets: Record<keyof AuditTargets, string | undefined>): AuditTargets {
  return Object.fromEntries(Object.entries(targets).filter(([, value]) => value !== undefined));
}

/** The same audit row as a plain row, for writes that bypass the unit of work (batches). */
export function auditRow(
  env: Pick<CommandEnv, 'newId'>,
  call: AuditedCall,
  outcome: AuditOutcome,
  targets: AuditTargets,
  now: number,
): AuditRow {
  return {
    id: env.newId(),
    occurred_at: new Date(now).toISOString(),
    key_name: call.actor.keyName,
    role: call.actor.role,
    peer: call.actor.peer,
    user_agent: call.actor.userAgent,
    action: call.method,
    request_id: call.requestId,
    outcome_code: outcome.code,
    outcome_reason: outcome.reason,
    replayed: outcome.replayed,
    doctor_id: targets.doctorId ?? null,
    doctor_day_id: targets.doctorDayId ?? null,
    date: targets.date ?? null,
    token_id: targets.tokenId ?? null,
    waitlist_entry_id: targets.waitlistEntryId ?? null,
    patient_id: targets.patientId ?? null,
  };
}
