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

/** Every setting of the reporting service, from the environment, checked at start-up. */
const schema = z
  .object({
    REPORTING_DATABASE_URL: z
      .string()
      .url()
      .default('postgres://postgres@127.0.0.1:5432/opd_reporting'),
    REPORTING_DATABASE_POOL_MAX: intVar(2, 200).default(10),
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    OPD_GRPC_HOST: z.string().default('127.0.0.1'),
    OPD_REPORTING_GRPC_PORT: portVar({ allowZero: true }).default(50052),
    OPD_REPORTING_METRICS_PORT: portVar({ allowZero: true }).default(9465),
    OPD_TLS_CERT_FILE: z.string().optional(),
    OPD_TLS_KEY_FILE: z.string().optional(),
    OPD_TLS_CA_FILE: z.string().optional(),
    OPD_TLS_REQUIRE_CLIENT_CERT: boolVar.default(false),
    OPD_EVENT_STREAM: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('OPD_EVENTS'),
    OPD_EVENT_SUBJECT_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/)
      .default('opd.v1.events'),
    OPD_REPORTING_CONSUMER: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'expected letters, digits, - and _ only' })
      .default('opd-reporting'),
    OPD_REPORTING_ACK_WAIT_MS: intVar(1_000, 3_600_000).default(30_000),
    OPD_REPORTING_MAX_ACK_PENDING: intVar(10, 100_000).default(1_000),
    OPD_REPORTING_CONCURRENCY: intVar(1, 64).default(8),
    OPD_REPORTING_MAX_APPLY_ATTEMPTS: intVar(1, 100).default(5),
    OPD_REPORTING_GAP_WAIT_MS: intVar(0, 86_400_000).default(300_000),
    OPD_REPORTING_MAX_EXPORTS: intVar(1, 64).default(4),
    ...pageTokenSecretVars,
    OPD_MIGRATE_ON_START: boolVar.default(false),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .superRefine(refuseDevelopmentSecretInProduction);

export type ReportingConfig = z.infer<typeof schema>;

export function loadReportingConfig(env: NodeJS.ProcessEnv = process.env): ReportingConfig {
  return loadConfig(schema, env);
}
