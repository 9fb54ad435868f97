import {
  commonServiceVars,
  loadConfig,
  portVar,
  postgresUrlVar,
  refuseDevelopmentSecretInProduction,
  wholeNumberVar,
} from '@opd/service-runtime';
import { z } from 'zod';

/** Every setting of the reporting service, from the environment, checked at start-up. */
const schema = z
  .object({
    ...commonServiceVars,
    REPORTING_DATABASE_URL: postgresUrlVar.default(
      'postgres://postgres@127.0.0.1:5432/opd_reporting',
    ),
    REPORTING_DATABASE_POOL_MAX: wholeNumberVar(2, 200).default(10),
    OPD_REPORTING_GRPC_PORT: portVar({ allowZero: true }).default(50052),
    OPD_REPORTING_METRICS_PORT: portVar({ allowZero: true }).default(9465),
    OPD_REPORTING_CONSUMER: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'expected letters, digits, - and _ only' })
      .default('opd-reporting'),
    OPD_REPORTING_ACK_WAIT_MS: wholeNumberVar(1_000, 3_600_000).default(30_000),
    OPD_REPORTING_MAX_ACK_PENDING: wholeNumberVar(10, 100_000).default(1_000),
    OPD_REPORTING_CONCURRENCY: wholeNumberVar(1, 64).default(8),
    OPD_REPORTING_MAX_APPLY_ATTEMPTS: wholeNumberVar(1, 100).default(5),
    OPD_REPORTING_GAP_WAIT_MS: wholeNumberVar(0, 86_400_000).default(300_000),
    OPD_REPORTING_MAX_EXPORTS: wholeNumberVar(1, 64).default(4),
    OPD_REPORTING_MAX_EXPORTS_PER_KEY: wholeNumberVar(1, 64).default(2),
    OPD_REPORTING_EXPORT_STALL_MS: wholeNumberVar(100, 3_600_000).default(30_000),
  })
  .superRefine(refuseDevelopmentSecretInProduction);

export type ReportingConfig = z.infer<typeof schema>;

export function loadReportingConfig(env: NodeJS.ProcessEnv = process.env): ReportingConfig {
  return loadConfig(schema, env);
}
