import { createHash } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiError } from '@opd/service-runtime';
import { classifyDatabaseError } from '../db/database-errors.js';
import { AuditEntry, IdempotencyRecord } from '../db/entities/index.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { inTransaction } from './transaction.js';

/** What a change touched, for the audit trail. */
export interface AuditTargets {
  readonly doctorId?: string;
  readonly doctorDayId?: string;
  readonly date?: string;
  readonly tokenId?: string;
  readonly waitlistEntryId?: string;
  readonly patientId?: string;
}

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
  const attempt = () =>
    inTransaction(env, call, async (em) => {
      // Concurrent retries of one request queue here, so the second sees the first's answer.
      await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
        `${call.actor.keyName}/${call.requestId}`,
      ]);
      const seen = await em.findOne(IdempotencyRecord, {
        caller: call.actor.keyName,
        requestId: call.requestId,
      });
      if (seen) {
        if (seen.method !== call.method || seen.requestHash !== requestHash) {
          throw new ApiError(
            'FAILED_PRECONDITION',
            `request_id ${call.requestId} was already used for a different request`,
            { reason: 'IDEMPOTENCY_KEY_REUSED', metadata: { request_id: call.requestId } },
          );
        }
        audit(em, env, call, {}, grpc.status.OK, '', true);
        return spec.codec.decode(seen.response);
      }
      const { response, audit: targets } = await work(em);
      em.create(IdempotencyRecord, {
        caller: call.actor.keyName,
        requestId: call.requestId,
        method: call.method,
        requestHash,
        response: Buffer.from(spec.codec.encode(response).finish()),
        createdAt: new Date(env.clock.now()),
      });
      audit(em, env, call, targets, grpc.status.OK, '', false);
      return response;
    });

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

function audit(
  em: EntityManager,
  env: CommandEnv,
  call: CommandCall,
  targets: AuditTargets,
  code: number,
  reason: string,
  replayed: boolean,
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
    outcomeCode: code,
    outcomeReason: reason,
    replayed,
    doctorId: targets.doctorId ?? null,
    doctorDayId: targets.doctorDayId ?? null,
    date: targets.date ?? null,
    tokenId: targets.tokenId ?? null,
    waitlistEntryId: targets.waitlistEntryId ?? null,
    patientId: targets.patientId ?? null,
  });
}

async function auditRefusal(
  env: CommandEnv,
  call: CommandCall,
  targets: AuditTargets,
  error: ApiError,
): Promise<void> {
  try {
    const em = env.orm.em.fork();
    audit(em, env, call, targets, grpc.status[error.code], error.reason ?? '', false);
    await em.flush();
  } catch {
    // The refusal itself already reaches the caller; a lost audit row must not mask it.
  }
}
