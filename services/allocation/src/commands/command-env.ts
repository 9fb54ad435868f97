import type { MikroORM } from '@mikro-orm/postgresql';
import type { PageTokens, Role } from '@opd/service-runtime';
import type pg from 'pg';
import type { Clock } from '../clock.js';
import type { DayLocations } from '../db/day-locations.js';
import type { DayChanged } from '../watch/doctor-day-changes.js';
import type { Hospital } from '../hospital.js';
import type { AuditOutcome } from './audit.js';
import type { DayCache } from './day-cache.js';
import type { DoctorDayBatcher } from './doctor-day-batcher.js';

/** How long a transaction may wait and how often a busy doctor-day is retried. */
export interface TransactionSettings {
  readonly lockTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly maxAttempts: number;
}

/** What every command needs from the service around it. */
export interface CommandEnv {
  readonly orm: MikroORM;
  /** Plain node-postgres connections for doctor-day batches (the hot path). */
  readonly writePool: pg.Pool;
  readonly clock: Clock;
  readonly hospital: Hospital;
  readonly newId: () => string;
  readonly transactions: TransactionSettings;
  readonly pageTokens: PageTokens;
  /** Requests for the same doctor-day in this process, decided together. */
  readonly batcher: DoctorDayBatcher;
  /** Which doctor-day a token or waitlist entry is on. */
  readonly locations: DayLocations;
  /** Doctor-days as this process last held them (commands/day-cache.ts). */
  readonly dayCache: DayCache;
  /** The status code and reason a caller hears for a refusal or failure (grpc/ knows them). */
  readonly describeFailure: (error: unknown) => AuditOutcome;
  /** Told how many requests each committed batch decided (for /metrics). */
  readonly onBatch?: (requests: number) => void;
  /**
   * Told after a commit that wrote events, with the doctor-days it changed (empty when the commit
   * does not know them), so the outbox relay and the live boards act at once.
   */
  readonly onCommit?: (days: readonly DayChanged[]) => void;
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
