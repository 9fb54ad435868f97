import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { classifyDatabaseError } from '../db/database-errors.js';
import { IdempotencyRecord } from '../db/entities/index.js';
import { query } from '../db/sql.js';
import { addAuditEntry, originalTargets, SUCCEEDED, type AuditTargets } from './audit.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { Refusal } from './refusal.js';
import type { StoredAnswer } from './reply.js';
import { inTransaction } from './transaction.js';

export interface Mutated<Res> {
  readonly response: Res;
  readonly audit: AuditTargets;
}

export interface MutationSpec<Res> {
  /** The request with its request_id blanked, encoded: "the same request" means these bytes. */
  readonly fingerprint: Uint8Array;
  readonly stored: StoredAnswer<Res>;
  /** Best-known targets for auditing a refusal (the work did not get to say). */
  readonly auditOnRefusal?: AuditTargets;
}

/**
 * One mutation outside a doctor-day batch (doctors, schedules) with its guarantees: the same
 * request_id from the same caller returns the stored answer unchanged; a request_id reused for a
 * different request is refused; the change, its answer and its audit row commit together; a
 * refusal is audited on its own.
 */
export async function runMutation<Res>(
  env: CommandEnv,
  call: CommandCall,
  spec: MutationSpec<Res>,
  work: (em: EntityManager) => Promise<Mutated<Res>>,
): Promise<Res> {
  const requestHash = requestHashOf(spec.fingerprint);
  // Concurrent retries of one request queue on this key, so the second sees the first's answer.
  const advisoryLockKey = `${call.actor.keyName}/${call.requestId}`;
  const attempt = () =>
    inTransaction(
      env,
      call,
      async (em) => {
        const seen = await em.findOne(
          IdempotencyRecord,
          { caller: call.actor.keyName, requestId: call.requestId },
          { disableIdentityMap: true },
        );
        if (seen) {
          if (seen.method !== call.method || seen.requestHash !== requestHash) {
            throw new Refusal({ code: 'IDEMPOTENCY_KEY_REUSED', requestId: call.requestId });
          }
          const targets = await originalTargets(em, call);
          addAuditEntry(em, env, call, { ...SUCCEEDED, replayed: true }, targets);
          return spec.stored.decode(seen.response);
        }
        const { response, audit: targets } = await work(em);
        await recordAnswer(em, env, call, requestHash, spec.stored.encode(response), targets);
        return response;
      },
      { advisoryLockKey },
    );

  try {
    let response: Res;
    try {
      response = await attempt();
    } catch (error) {
      // Two retries of one request raced: the loser's insert hit the key; now it finds the answer.
      const failure = classifyDatabaseError(error);
      if (failure.kind !== 'constraint' || failure.constraint !== 'idempotency_record_pkey')
        throw error;
      response = await attempt();
    }
    env.onCommit?.([]);
    return response;
  } catch (error) {
    await auditRefusal(env, call, spec.auditOnRefusal ?? {}, error);
    throw error;
  }
}

/** The stored answer and its audit row, written in one statement. */
async function recordAnswer(
  em: EntityManager,
  env: CommandEnv,
  call: CommandCall,
  requestHash: string,
  response: Uint8Array,
  targets: AuditTargets,
): Promise<void> {
  const now = new Date(env.clock.now());
  await query(
    em,
    `with audit as (
       insert into audit_entry (id, occurred_at, key_name, role, peer, user_agent, action, request_id,
         outcome_code, outcome_reason, replayed, doctor_id, doctor_day_id, date, token_id, waitlist_entry_id, patient_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, 0, '', false, $9, $10, $11, $12, $13, $14))
     insert into idempotency_record (caller, request_id, method, request_hash, response, created_at)
     values ($3, $8, $7, $15, $16, $2)`,
    [
      env.newId(),
      now,
      call.actor.keyName,
      call.actor.role,
      call.actor.peer,
      call.actor.userAgent,
      call.method,
      call.requestId,
      targets.doctorId ?? null,
      targets.doctorDayId ?? null,
      targets.date ?? null,
      targets.tokenId ?? null,
      targets.waitlistEntryId ?? null,
      targets.patientId ?? null,
      requestHash,
      Buffer.from(response),
    ],
  );
}

/** A refusal's audit row, written on its own (the refused work left nothing else behind). */
export async function auditRefusal(
  env: CommandEnv,
  call: CommandCall,
  targets: AuditTargets,
  error: unknown,
): Promise<void> {
  try {
    const em = env.orm.em.fork();
    addAuditEntry(em, env, call, env.describeFailure(error), targets);
    await em.flush();
  } catch {
    // The refusal itself already reaches the caller; a lost audit row must not mask it.
  }
}

/** "The same request" on a retry: the hash of the request without its request_id. */
export const requestHashOf = (fingerprint: Uint8Array): string =>
  createHash('sha256').update(fingerprint).digest('hex');
