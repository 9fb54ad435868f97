import { SOURCES, type Source } from '@opd/engine';
import {
  loadConfig,
  pageTokenSecretVars,
  portVar,
  refuseDevelopmentSecretInProduction,
} from '@opd/service-runtime';
import { z } from 'zod';

const boolVar = z
  .enum(['true', 'false', '1', '0', ''], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1');
const intVar = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { error: `expected a whole number from ${min} to ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, {
      error: `expected a whole number from ${min} to ${max}`,
    });
const zoneVar = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected an IANA time zone such as Asia/Kolkata' },
);
const priorityVar = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim().toUpperCase()))
  .refine((list) => list.length === SOURCES.length && SOURCES.every((s) => list.includes(s)), {
    error: `expected every source once, most urgent first, e.g. ${SOURCES.join(',')}`,
  })
  .transform((list) => list as Source[]);

/** Every setting of the allocation service, from the environment, checked at start-up. */
const schema = z
  .object({
    DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/opd'),
    DATABASE_POOL_MAX: intVar(1, 200).default(20),
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    OPD_GRPC_HOST: z.string().default('127.0.0.1'),
    OPD_GRPC_PORT: portVar({ allowZero: true }).default(50051),
    OPD_METRICS_PORT: portVar({ allowZero: true }).default(9464),
    OPD_TLS_CERT_FILE: z.string().optional(),
    OPD_TLS_KEY_FILE: z.string().optional(),
    OPD_TLS_CA_FILE: z.string().optional(),
    OPD_TLS_REQUIRE_CLIENT_CERT: boolVar.default(false),
    OPD_TIME_ZONE: zoneVar.default('Asia/Kolkata'),
    OPD_DEFAULT_COUNTRY: z
      .string()
      .regex(/^[A-Z]{2}$/, { error: 'expected an ISO country code such as IN' })
      .default('IN'),
    OPD_PRIORITY_ORDER: priorityVar.default([...SOURCES]),
    OPD_NO_SHOW_GRACE_MINUTES: intVar(0, 240).default(15),
    OPD_BOOKING_HORIZON_DAYS: intVar(0, 3650).default(90),
    OPD_LOCK_TIMEOUT_MS: intVar(10, 60_000).default(2_000),
    OPD_STATEMENT_TIMEOUT_MS: intVar(100, 600_000).default(10_000),
    OPD_TX_MAX_ATTEMPTS: intVar(1, 20).default(5),
    OPD_SWEEP_INTERVAL_MS: intVar(0, 3_600_000).default(30_000),
    OPD_OUTBOX_RETENTION_DAYS: intVar(1, 3650).default(7),
    OPD_EVENT_STREAM: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('OPD_EVENTS'),
    OPD_EVENT_SUBJECT_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/)
      .default('opd.v1.events'),
    ...pageTokenSecretVars,
    OPD_MIGRATE_ON_START: boolVar.default(false),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .superRefine(refuseDevelopmentSecretInProduction);

export type AllocationConfig = z.infer<typeof schema>;

export function loadAllocationConfig(env: NodeJS.ProcessEnv = process.env): AllocationConfig {
  return loadConfig(schema, env);
}
