import type { MikroORM } from '@mikro-orm/postgresql';
import type { PageTokens, Role } from '@opd/service-runtime';
import type { Clock } from '../clock.js';
import type { DoctorDayQueue } from './doctor-day-queue.js';
import type { Hospital } from '../hospital.js';

/** How long a transaction may wait and how often a busy doctor-day is retried. */
export interface TransactionSettings {
  readonly lockTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly maxAttempts: number;
}

/** What every command needs from the service around it. */
export interface CommandEnv {
  readonly orm: MikroORM;
  readonly clock: Clock;
  readonly hospital: Hospital;
  readonly newId: () => string;
  readonly transactions: TransactionSettings;
  readonly pageTokens: PageTokens;
  /** Per-process turn-taking for requests on the same doctor-day. */
  readonly queue: DoctorDayQueue;
  /** Told after a commit that wrote events, so the outbox relay wakes at once. */
  readonly onCommit?: () => void;
}

/** Who made a change: an API key (with its role) or the service's own jobs. */
export interface Actor {
  readonly keyName: string;
  readonly role: Role | 'system';
  readonly peer: string;
  readonly userAgent: string;
}

export const SYSTEM_ACTOR: Actor = { keyName: 'system', role: 'system', peer: '', userAgent: '' };

/** One call into a command: who, with which idempotency key, until when. */
export interface CommandCall {
  readonly method: string;
  readonly actor: Actor;
  readonly requestId: string;
  readonly signal: AbortSignal;
  readonly deadline: Date | undefined;
}
