import type { Context, DoctorDay, DomainEvent } from '@opd/engine';
import type { AuditTargets } from './audit.js';
import type { CommandCall } from './command-env.js';
import type { DayView } from './day-view.js';
import type { StoredAnswer } from './reply.js';

/** The doctor of a doctor-day, as the batch read it before taking the day's lock. */
export interface DoctorOfDay {
  readonly id: string;
  readonly displayName: string;
  readonly department: string;
  readonly active: boolean;
}

/** A patient named by a request: found on the phone by name, or registered there. */
export type PatientRef =
  { readonly phone: string; readonly name: string } | { readonly patientId: string };

export interface KnownPatient {
  readonly id: string;
  readonly name: string;
}

/** What a decision gets besides the day: the time and rules, and what was read before the lock. */
export interface WorkContext {
  readonly engine: Context;
  readonly doctor: DoctorOfDay;
  /** The request's patient, when it named one. */
  readonly patient: KnownPatient | undefined;
}

/** A decided change to the day and how to answer it. */
export interface Decided<Res> {
  readonly day: DoctorDay;
  readonly events: readonly DomainEvent[];
  /** The caller's answer, built from the day just after this change. */
  readonly answer: (view: DayView) => Res;
  readonly audit: AuditTargets;
  /** Staff notes and cancellation reasons this change adds, by token or entry id. */
  readonly notes?: ReadonlyMap<string, string>;
  readonly cancelReasons?: ReadonlyMap<string, string>;
}

/**
 * One caller's change to a doctor-day, decided in a batch with the others queued for that day
 * (commands/doctor-day-batch.ts). `decide` is pure: it reads the day as the requests before it
 * left it and returns the engine's outcome, or throws a Refusal that refuses only this caller.
 */
export interface DayWork<Res> {
  readonly call: CommandCall;
  /**
   * The request without its request_id, hashed: a retry is "the same request" when these match.
   * Undefined for the service's own work (the sweeper), which has no idempotency key.
   */
  readonly requestHash: string | undefined;
  readonly stored: StoredAnswer<Res>;
  readonly patient?: PatientRef;
  /** Targets for the audit row if this work is refused. */
  readonly auditOnRefusal: AuditTargets;
  /** Whether the work may open a doctor-day that does not exist yet (only a new request may). */
  readonly opensDay: boolean;
  /** The answer on a day not opened yet, for work that has one (nobody to call, say). */
  readonly unopened?: () => Res;
  decide(view: DayView, ctx: WorkContext): Decided<Res>;
}
