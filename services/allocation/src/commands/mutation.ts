import { createHash } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiError } from '@opd/service-runtime';
import { classifyDatabaseError } from '../db/database-errors.js';
import { IdempotencyRecord } from '../db/entities/index.js';
import { query } from '../db/sql.js';
import { addAuditEntry, originalTargets, type AuditTargets } from './audit.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { inTransaction } from './transaction.js';

export interface Mutated<Res> {
  readonly response: Res;
  readonly audit: AuditTargets;
}

/** How a response is stored for replay: ts-proto's generated message functions fit. */
export interface ResponseCodec<Res> {
  encode(message: Res): { finish(): Uint8Array };
  decode(bytes: Uint8Array): Res;
}

export interface MutationSpec<Res> {
  /** The request with its request_id blanked, encoded: "the same request" means these bytes. */
  readonly fingerprint: Uint8Array;
  readonly codec: ResponseCodec<Res>;
  /** Best-known targets for auditing a refusal (the work did not get to say). */
  readonly auditOnRefusal?: AuditTargets;
}

/**
 * One mutation with its guarantees: the same request_id from the same caller returns the stored
 * answer unchanged; a request_id reused for a different request is refused; the change, its
 * answer and its audit row commit together; a refusal is audited on its own.
 */
export async function runMutation<Res>(
  env: CommandEnv,
  call: CommandCall,
  spec: MutationSpec<Res>,
  work: (em: EntityManager) => Promise<Mutated<Res>>,
): Promise<Res> {
  const requestHash = createHash('sha256').update(spec.fingerprint).digest('hex');
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
            throw new ApiError(
              'FAILED_PRECONDITION',
              `request_id ${call.requestId} was already used for a different request`,
              { reason: 'IDEMPOTENCY_KEY_REUSED', metadata: { request_id: call.requestId } },
            );
          }
          const targets = await originalTargets(em, call);
          addAuditEntry(
            em,
            env,
            call,
            { code: grpc.status.OK, reason: '', replayed: true },
            targets,
          );
          return spec.codec.decode(seen.response);
        }
        const { response, audit: targets } = await work(em);
        await recordAnswer(
          em,
          env,
          call,
          requestHash,
          spec.codec.encode(response).finish(),
          targets,
        );
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
    env.onCommit?.();
    return response;
  } catch (error) {
    const refused = ApiError.from(error);
    await auditRefusal(env, call, spec.auditOnRefusal ?? {}, refused);
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

async function auditRefusal(
  env: CommandEnv,
  call: CommandCall,
  targets: AuditTargets,
  error: ApiError,
): Promise<void> {
  try {
    const em = env.orm.em.fork();
    const outcome = { code: grpc.status[error.code], reason: error.reason ?? '', replayed: false };
    addAuditEntry(em, env, call, outcome, targets);
    await em.flush();
  } catch {
    // The refusal itself already reaches the caller; a lost audit row must not mask it.
  }
}
