import type { Outcome, Policy } from '@opd/engine';
import type { OpenedBatch } from '../db/batch-statements.js';
import type { AnswerRow, AuditRow, OutboxRow, WriteSet } from '../db/doctor-day-store.js';
import { nameKey } from '../patient-name.js';
import { auditRow, SUCCEEDED, type AuditOutcome, type AuditTargets } from './audit.js';
import { changeSetOf, outboxRows } from './change-set.js';
import { withConsultations } from './consultations.js';
import type { CachedDay } from './day-cache.js';
import type { DayWork, KnownPatient, PatientRef } from './day-work.js';
import { Refusal } from './refusal.js';

/** What deciding a batch needs from the service: ids, the time, the rules, refusal codes. */
export interface BatchDecisionEnv {
  readonly newId: () => string;
  readonly now: number;
  readonly policy: Policy;
  /** The status code and reason a caller hears for a refusal or failure (grpc/ knows them). */
  readonly describeFailure: (error: unknown) => AuditOutcome;
}

export type WorkResult =
  { readonly ok: true; readonly answer: unknown } | { readonly ok: false; readonly error: unknown };

export interface DecidedBatch {
  /** One per work item, in order. */
  readonly results: readonly WorkResult[];
  readonly write: WriteSet;
  /** The day after the batch, to remember once it commits. */
  readonly next: CachedDay | undefined;
}

/** The day under its lock, and its opening when this very batch opened it. */
export interface LockedDay {
  readonly held: CachedDay;
  /** The day's first event (its slots), when the batch found it not yet open. */
  readonly opening?: Outcome;
}

interface StoredAnswer {
  readonly method: string;
  readonly requestHash: string;
  readonly bytes: Uint8Array;
  readonly targets: AuditTargets;
}

/**
 * Decides a batch of one doctor-day's requests one by one, in arrival order, each on the day as
 * the ones before it left it: every caller gets the answer, stored answer, audit row and events
 * it would have got alone. A refusal refuses only its caller; a retry of a request already
 * answered (before, or earlier in this very batch) gets that answer again.
 *
 * `locked` is undefined when there is no day to decide on (its doctor is inactive and it never
 * opened). A batch that opened its day but placed nobody on it, and patients it registered for
 * refused requests only, are removed again: a refused request leaves nothing behind.
 */
export function decideBatch(
  works: readonly DayWork<unknown>[],
  opened: OpenedBatch,
  locked: LockedDay | undefined,
  env: BatchDecisionEnv,
): DecidedBatch {
  const base = locked?.held;
  const opening = locked?.opening;
  const stored = new Map<string, StoredAnswer>();
  for (const a of opened.answered) {
    stored.set(`${a.caller}/${a.request_id}`, {
      method: a.method,
      requestHash: a.request_hash,
      bytes: Buffer.from(a.response, 'base64'),
      targets: targetsOf(a.targets),
    });
  }
  const results: WorkResult[] = [];
  const answers: AnswerRow[] = [];
  const audit: AuditRow[] = [];
  const outbox: OutboxRow[] = [];
  const addedNotes = new Map<string, string>();
  const addedReasons = new Map<string, string>();
  const now = env.now;
  const engine = { now, newId: env.newId, policy: env.policy };
  /** An accepted request's answer, stored for its retries, and its audit row. */
  const keep = (work: DayWork<unknown>, key: string, answer: unknown, targets: AuditTargets) => {
    if (work.requestHash !== undefined) {
      const bytes = work.stored.encode(answer);
      answers.push({
        caller: work.call.actor.keyName,
        request_id: work.call.requestId,
        method: work.call.method,
        request_hash: work.requestHash,
        response: `\\x${Buffer.from(bytes).toString('hex')}`,
        created_at: new Date(now).toISOString(),
      });
      stored.set(key, { method: work.call.method, requestHash: work.requestHash, bytes, targets });
    }
    audit.push(auditRow(env, work.call, SUCCEEDED, targets, now));
    return answer;
  };
  const refuse = (work: DayWork<unknown>, refusal: Refusal): WorkResult => {
    audit.push(auditRow(env, work.call, env.describeFailure(refusal), work.auditOnRefusal, now));
    return { ok: false, error: refusal };
  };

  const doctor = opened.doctor && {
    id: opened.doctor.id,
    displayName: opened.doctor.display_name,
    department: opened.doctor.department,
    active: opened.doctor.active,
  };
  let view = base?.view;
  const [first] = works;
  if (view && opening && first) {
    outbox.push(
      ...outboxRows(
        {
          events: opening.events,
          before: undefined,
          after: opening.day,
          actor: first.call.actor,
          requestId: first.call.requestId,
        },
        { timeZone: view.timeZone, doctor: doctor ?? unknownDoctor, newId: env.newId, now },
      ),
    );
    view = { ...view, day: opening.day };
  }
  const usedPatients = new Set<string>();
  for (const work of works) {
    const key = `${work.call.actor.keyName}/${work.call.requestId}`;
    const seen = work.requestHash === undefined ? undefined : stored.get(key);
    if (seen) {
      if (seen.method !== work.call.method || seen.requestHash !== work.requestHash) {
        results.push(
          refuse(
            work,
            new Refusal({ code: 'IDEMPOTENCY_KEY_REUSED', requestId: work.call.requestId }),
          ),
        );
        continue;
      }
      audit.push(auditRow(env, work.call, { ...SUCCEEDED, replayed: true }, seen.targets, now));
      results.push({ ok: true, answer: work.stored.decode(seen.bytes) });
      continue;
    }
    if (!doctor) {
      const doctorId = work.auditOnRefusal.doctorId ?? '';
      results.push(refuse(work, new Refusal({ code: 'DOCTOR_NOT_FOUND', doctorId })));
      continue;
    }
    if (!view || !base) {
      if (work.unopened) {
        results.push({ ok: true, answer: keep(work, key, work.unopened(), work.auditOnRefusal) });
        continue;
      }
      if (doctor.active) throw new Error(`doctor-day of ${doctor.id} neither locked nor opened`);
      results.push(refuse(work, new Refusal({ code: 'DOCTOR_INACTIVE', doctorId: doctor.id })));
      continue;
    }
    try {
      const patient = work.patient && patientOf(work.patient, opened);
      const decided = work.decide(view, { engine, doctor, patient });
      if (patient) {
        base.names.set(patient.id, patient.name);
        usedPatients.add(patient.id);
      }
      for (const [id, text] of decided.notes ?? []) {
        base.notes.set(id, text);
        addedNotes.set(id, text);
      }
      for (const [id, text] of decided.cancelReasons ?? []) {
        base.cancelReasons.set(id, text);
        addedReasons.set(id, text);
      }
      outbox.push(
        ...outboxRows(
          {
            events: decided.events,
            before: view.day,
            after: decided.day,
            actor: work.call.actor,
            requestId: work.call.requestId,
          },
          { timeZone: view.timeZone, doctor, newId: env.newId, now },
        ),
      );
      view = withConsultations({ ...view, day: decided.day }, view.day, decided.events);
      const answer = decided.answer(view);
      if (work.requestHash !== undefined || decided.events.length > 0) {
        keep(work, key, answer, decided.audit);
      }
      results.push({ ok: true, answer });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      results.push(refuse(work, error));
    }
  }

  const after = view;
  // A day opened for requests that were all refused is not kept.
  const placedNobody = opening !== undefined && after?.day === opening.day;
  const change =
    base && after && after.day !== base.view.day && !placedNobody
      ? changeSetOf(
          base.view.day,
          after.day,
          { notes: addedNotes, cancelReasons: addedReasons },
          outbox,
        )
      : undefined;
  const unused = opened.created_patients.filter((id) => !usedPatients.has(id));
  return {
    results,
    write: {
      ...(change ? { day: change } : {}),
      answers,
      audit,
      ...(placedNobody && base ? { discardDayId: base.view.day.id } : {}),
      ...(unused.length > 0 ? { discardPatients: unused } : {}),
    },
    next: placedNobody ? undefined : base && after && { ...base, view: after },
  };
}

const unknownDoctor = { displayName: '', department: '' };

function patientOf(ref: PatientRef, opened: OpenedBatch): KnownPatient {
  const found =
    'patientId' in ref
      ? opened.patients.find((p) => p.id === ref.patientId)
      : opened.patients.find((p) => p.phone === ref.phone && p.name_key === nameKey(ref.name));
  if (!found) throw new Refusal({ code: 'PATIENT_NOT_FOUND' });
  return { id: found.id, name: found.name };
}

function targetsOf(row: OpenedBatch['answered'][number]['targets']): AuditTargets {
  if (!row) return {};
  const targets: { -readonly [K in keyof AuditTargets]: string } = {};
  if (row.doctor_id) targets.doctorId = row.doctor_id;
  if (row.doctor_day_id) targets.doctorDayId = row.doctor_day_id;
  if (row.date) targets.date = row.date;
  if (row.token_id) targets.tokenId = row.token_id;
  if (row.waitlist_entry_id) targets.waitlistEntryId = row.waitlist_entry_id;
  if (row.patient_id) targets.patientId = row.patient_id;
  return targets;
}
