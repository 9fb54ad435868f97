import { hostname } from 'node:os';
import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';

export type Logger = PinoLogger;

/** Keys whose values are patient data: never written to logs, at any depth up to 5. */
export const REDACTED_KEYS = [
  'phone',
  'patientPhone',
  'patient_phone',
  'name',
  'patientName',
  'patient_name',
  'displayName',
] as const;

/**
 * Fields of a PostgreSQL error that quote the row or the statement's parameters (e.g. `Key
 * (phone)=(+91…) already exists`): an unexpected database error is logged without them.
 */
export const DATABASE_ERROR_KEYS = ['detail', 'where'] as const;

const MAX_DEPTH = 5;

/** `phone`, `*.phone`, `*.*.phone`, … for every redacted key. */
export function redactPaths(keys: readonly string[] = REDACTED_KEYS, depth = MAX_DEPTH): string[] {
  return keys.flatMap((key) =>
    Array.from({ length: depth }, (_, level) => [...Array<string>(level).fill('*'), key].join('.')),
  );
}

export interface LoggerOptions {
  /** The program, e.g. 'allocation'; logged as `app` because `name` is redacted. */
  name: string;
  level?: string;
}

/**
 * A pino logger writing JSON lines to stdout (or to `destination`, for tests), with
 * patient phone numbers and names redacted as '[redacted]'. Never log request bodies
 * anyway: redaction is the safety net, not the plan.
 */
export function createLogger(options: LoggerOptions, destination?: DestinationStream): Logger {
  const settings = {
    level: options.level ?? 'info',
    base: { app: options.name, pid: process.pid, hostname: hostname() },
    redact: {
      paths: [...redactPaths(), ...redactPaths(DATABASE_ERROR_KEYS, 3)],
      censor: '[redacted]',
    },
  };
  return destination === undefined ? pino(settings) : pino(settings, destination);
}
