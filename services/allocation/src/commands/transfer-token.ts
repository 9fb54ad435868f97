import {
  startOfLocalDay,
  transferToken as decide,
  type Token,
  type WaitlistEntry,
} from '@opd/engine';
import {
  beginBatch,
  commitBatch,
  openAnotherDay,
  type OpenBatchInput,
  type OpenedBatch,
} from '../db/batch-statements.js';
import { classifyDatabaseError } from '../db/database-errors.js';
import type { WriteSet } from '../db/doctor-day-store.js';
import { auditRow, SUCCEEDED, type AuditTargets } from './audit.js';
import { changeSetOf, outboxRows } from './change-set.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import type { DayView, Moment } from './day-view.js';
import { lockedDay } from './doctor-day-batch.js';
import { dayKeyOf, doctorDayIdOf } from './doctor-day-identity.js';
import { auditRefusal, requestHashOf, runMutation } from './mutation.js';
import { Refusal } from './refusal.js';
import type { Reply } from './reply.js';
import type { DayChanged } from '../watch/doctor-day-changes.js';

export interface TransferInput {
  readonly tokenId: string;
  readonly targetDoctorId: string;
  readonly reason: string;
}

/** Both days just after a transfer, for the answer. */
export interface TransferOutcome {
  /** The original token, now TRANSFERRED, on the day it left. */
  readonly token: Token;
  readonly source: DayView;
  /** Waiting patients of the source day given the freed place. */
  readonly promoted: readonly Token[];
  readonly newToken: Token;
  readonly target: DayView;
  /** A less urgent token on the target day that made way, and its patient's waitlist entry. */
  readonly preempted?: Token;
  readonly displacedEntry?: WaitlistEntry;
  readonly displacedPosition?: number;
  readonly moment: Moment;
}

interface DayRef {
  readonly doctorId: string;
  readonly date: string;
}

/**
 * Sends a patient to another doctor on the same date (DESIGN.md §3b) in one transaction over
 * both doctor-days. They are locked in the order of their ids, whichever way the transfer goes,
 * so two opposite transfers at once queue instead of deadlocking. Both days are read fresh under
 * their locks; the engine decides; both changes, the answer and the audit row commit together.
 */
export async function transferToken<Res>(
  env: CommandEnv,
  call: CommandCall,
  input: TransferInput,
  request: { readonly fingerprint: Uint8Array; readonly reply: Reply<TransferOutcome, Res> },
): Promise<Res> {
  const { reply } = request;
  const from = await env.locations.ofToken(input.tokenId);
  const refusedEarly = !from
    ? new Refusal({ code: 'TOKEN_NOT_FOUND', tokenId: input.tokenId })
    : from.doctorId === input.targetDoctorId
      ? new Refusal({ code: 'TRANSFER_TARGET_INVALID', reason: 'SAME_DOCTOR' }, from)
      : undefined;
  if (!from || refusedEarly) {
    // A retry of an answered request still gets its answer; otherwise refused.
    return runMutation(
      env,
      call,
      {
        fingerprint: request.fingerprint,
        stored: reply,
        auditOnRefusal: { ...from, tokenId: input.tokenId },
      },
      () => {
        throw refusedEarly;
      },
    );
  }
  const to = { doctorId: input.targetDoctorId, date: from.date };
  const requestHash = requestHashOf(request.fingerprint);
  const audited = { ...from, tokenId: input.tokenId };
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await attemptTransfer(env, call, input, from, to, requestHash, reply);
      env.dayCache.forget(dayKeyOf(from));
      env.dayCache.forget(dayKeyOf(to));
      if (result.changed.length > 0) env.onCommit?.(result.changed);
      return result.answer;
    } catch (error) {
      env.dayCache.forget(dayKeyOf(from));
      env.dayCache.forget(dayKeyOf(to));
      const failure = classifyDatabaseError(error);
      if (failure.kind === 'retryable' && attempt < env.transactions.maxAttempts) continue;
      const refusal =
        failure.kind === 'retryable'
          ? new Refusal({ code: 'CONCURRENT_UPDATE' }, from)
          : failure.kind === 'timeout'
            ? new Refusal({ code: 'OUT_OF_TIME' })
            : error;
      if (refusal instanceof Refusal) await auditRefusal(env, call, audited, refusal);
      throw refusal;
    }
  }
}

async function attemptTransfer<Res>(
  env: CommandEnv,
  call: CommandCall,
  input: TransferInput,
  from: DayRef,
  to: DayRef,
  requestHash: string,
  reply: Reply<TransferOutcome, Res>,
): Promise<{ answer: Res; changed: readonly DayChanged[] }> {
  const client = await env.writePool.connect();
  let finished = false;
  try {
    const now = env.clock.now();
    const sourceFirst =
      doctorDayIdOf(from.doctorId, from.date) < doctorDayIdOf(to.doctorId, to.date);
    const openInput = (day: DayRef, withRequest: boolean): OpenBatchInput => ({
      doctorId: day.doctorId,
      date: day.date,
      lockTimeoutMs: env.transactions.lockTimeoutMs,
      requests: withRequest ? [{ caller: call.actor.keyName, request_id: call.requestId }] : [],
      newPatients: [],
      patientIds: [],
      // Only the target may need opening; the source holds the token already.
      ...(day === to
        ? {
            openAs: {
              id: doctorDayIdOf(day.doctorId, day.date),
              timeZone: env.hospital.timeZone,
              dayStartsAt: new Date(startOfLocalDay(day.date, env.hospital.timeZone)).toISOString(),
              createdAt: new Date(now).toISOString(),
            },
          }
        : {}),
    });
    const [first, second] = sourceFirst ? [from, to] : [to, from];
    const openedFirst = await beginBatch(client, openInput(first, true));
    const openedSecond = await openAnotherDay(client, openInput(second, false));
    const [openedSource, openedTarget] = sourceFirst
      ? [openedFirst, openedSecond]
      : [openedSecond, openedFirst];

    const seen = openedFirst.answered[0];
    if (seen) {
      if (seen.method !== call.method || seen.request_hash !== requestHash) {
        throw new Refusal({ code: 'IDEMPOTENCY_KEY_REUSED', requestId: call.requestId });
      }
      const replayed = auditRow(env, call, { ...SUCCEEDED, replayed: true }, targetsOf(seen), now);
      await commitBatch(client, { audit: [replayed] });
      finished = true;
      return { answer: reply.decode(Buffer.from(seen.response, 'base64')), changed: [] };
    }

    const source = lockedDay(env, from, openedSource, undefined)?.held.view;
    if (!source) throw new Error(`token ${input.tokenId} is on a doctor-day that is not there`);
    if (!openedTarget.doctor) {
      throw new Refusal({ code: 'DOCTOR_NOT_FOUND', doctorId: to.doctorId }, to);
    }
    const target = lockedDay(env, to, openedTarget, undefined);
    if (!target || !openedTarget.doctor.active) {
      throw new Refusal({ code: 'DOCTOR_INACTIVE', doctorId: to.doctorId }, to);
    }
    const targetBefore = target.opening?.day ?? target.held.view.day;

    const ctx = { now, newId: env.newId, policy: env.hospital.policy };
    const decided = decide(source.day, targetBefore, input.tokenId, input.reason, ctx);
    if (!decided.ok) throw new Refusal(decided.error, to);
    const { source: left, target: joined } = decided.value;

    const doctorOf = (opened: OpenedBatch) => ({
      displayName: opened.doctor?.display_name ?? '',
      department: opened.doctor?.department ?? '',
    });
    const outbox = (
      events: Parameters<typeof outboxRows>[0]['events'],
      before: Parameters<typeof outboxRows>[0]['before'],
      after: Parameters<typeof outboxRows>[0]['after'],
      view: DayView,
      opened: OpenedBatch,
      transferTargetDoctorId?: string,
    ) =>
      outboxRows(
        { events, before, after, actor: call.actor, requestId: call.requestId },
        {
          timeZone: view.timeZone,
          doctor: doctorOf(opened),
          newId: env.newId,
          now,
          ...(transferTargetDoctorId ? { transferTargetDoctorId } : {}),
        },
      );
    const sourceOutbox = outbox(
      left.events,
      source.day,
      left.day,
      source,
      openedSource,
      to.doctorId,
    );
    const targetOutbox = [
      ...(target.opening
        ? outbox(
            target.opening.events,
            undefined,
            target.opening.day,
            target.held.view,
            openedTarget,
          )
        : []),
      ...outbox(joined.events, targetBefore, joined.day, target.held.view, openedTarget),
    ];

    const notes = source.notes.get(input.tokenId);
    const targetTexts = {
      notes: notes ? new Map([[joined.token.id, notes]]) : new Map<string, string>(),
      cancelReasons: new Map<string, string>(),
    };
    const sourceAfter: DayView = { ...source, day: left.day };
    const targetAfter: DayView = {
      ...target.held.view,
      day: joined.day,
      patientNames: new Map([
        ...target.held.view.patientNames,
        [joined.token.patientId, source.patientNames.get(joined.token.patientId) ?? ''],
      ]),
      notes: new Map([...target.held.view.notes, ...targetTexts.notes]),
    };
    const answer = reply.answer({
      token: left.token,
      source: sourceAfter,
      promoted: left.promoted,
      newToken: joined.token,
      target: targetAfter,
      ...(joined.preempted ? { preempted: joined.preempted } : {}),
      ...(joined.displacedEntry ? { displacedEntry: joined.displacedEntry } : {}),
      ...(joined.displacedPosition !== undefined
        ? { displacedPosition: joined.displacedPosition }
        : {}),
      moment: ctx,
    });
    const targets: AuditTargets = {
      ...from,
      doctorDayId: source.day.id,
      tokenId: input.tokenId,
      patientId: left.token.patientId,
    };
    const sourceWrite: WriteSet = {
      day: changeSetOf(
        source.day,
        left.day,
        { notes: new Map(), cancelReasons: new Map() },
        sourceOutbox,
      ),
      answers: [
        {
          caller: call.actor.keyName,
          request_id: call.requestId,
          method: call.method,
          request_hash: requestHash,
          response: `\\x${Buffer.from(reply.encode(answer)).toString('hex')}`,
          created_at: new Date(now).toISOString(),
        },
      ],
      audit: [auditRow(env, call, SUCCEEDED, targets, now)],
    };
    const targetWrite: WriteSet = {
      day: changeSetOf(
        target.opening ? target.held.view.day : targetBefore,
        joined.day,
        targetTexts,
        targetOutbox,
      ),
    };
    await commitBatch(client, sourceWrite, targetWrite);
    finished = true;
    const changed = [left.day, joined.day].map((d) => ({
      doctorDayId: d.id,
      sequence: d.eventSequence,
    }));
    return { answer, changed };
  } finally {
    if (!finished) await client.query('rollback').catch(() => undefined);
    client.release();
  }
}

function targetsOf(row: OpenedBatch['answered'][number]): AuditTargets {
  const t = row.targets;
  if (!t) return {};
  return {
    ...(t.doctor_id ? { doctorId: t.doctor_id } : {}),
    ...(t.doctor_day_id ? { doctorDayId: t.doctor_day_id } : {}),
    ...(t.date ? { date: t.date } : {}),
    ...(t.token_id ? { tokenId: t.token_id } : {}),
    ...(t.patient_id ? { patientId: t.patient_id } : {}),
  };
}
