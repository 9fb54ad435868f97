import { SOURCES, type Source } from '@opd/engine';
import {
  commonServiceVars,
  loadConfig,
  portVar,
  postgresUrlVar,
  refuseDevelopmentSecretInProduction,
  wholeNumberVar,
} from '@opd/service-runtime';
import { z } from 'zod';

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

const ROLES_THAT_BOOK = ['counter', 'integration', 'admin'] as const;

/**
 * Which sources each booking role may claim, e.g.
 * `counter=*;admin=*;integration=ONLINE,FOLLOW_UP`: a portal must not book as an emergency.
 */
const roleSourcesVar = z.string().transform((text, ctx) => {
  const table: Partial<Record<(typeof ROLES_THAT_BOOK)[number], Source[]>> = {};
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [role = '', list = ''] = part.split('=').map((x) => x.trim());
    const sources =
      list === '*' ? [...SOURCES] : list.split(',').map((x) => x.trim().toUpperCase());
    if (!(ROLES_THAT_BOOK as readonly string[]).includes(role)) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown booking role "${role}" (${ROLES_THAT_BOOK.join(', ')})`,
      });
      return z.NEVER;
    }
    const unknown = sources.filter((x) => !(SOURCES as readonly string[]).includes(x));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown source ${unknown.join(', ')} for ${role}` });
      return z.NEVER;
    }
    table[role as (typeof ROLES_THAT_BOOK)[number]] = sources as Source[];
  }
  return table;
});

/** Every setting of the allocation service, from the environment, checked at start-up. */
const schema = z
  .object({
    ...commonServiceVars,
    DATABASE_URL: postgresUrlVar.default('postgres://postgres@127.0.0.1:5432/opd'),
    DATABASE_POOL_MAX: wholeNumberVar(1, 200).default(20),
    OPD_GRPC_PORT: portVar({ allowZero: true }).default(50051),
    OPD_METRICS_PORT: portVar({ allowZero: true }).default(9464),
    OPD_TIME_ZONE: zoneVar.default('Asia/Kolkata'),
    OPD_DEFAULT_COUNTRY: z
      .string()
      .regex(/^[A-Z]{2}$/, { error: 'expected an ISO country code such as IN' })
      .default('IN'),
    OPD_PRIORITY_ORDER: priorityVar.default([...SOURCES]),
    OPD_NO_SHOW_GRACE_MINUTES: wholeNumberVar(0, 240).default(15),
    // How long a token's last move can be taken back (DESIGN.md §3b).
    OPD_UNDO_WINDOW_MINUTES: wholeNumberVar(0, 120).default(10),
    // How often live boards look for changes committed by other instances.
    OPD_WATCH_POLL_MS: wholeNumberVar(20, 10_000).default(200),
    OPD_BOOKING_HORIZON_DAYS: wholeNumberVar(0, 3650).default(90),
    OPD_LOCK_TIMEOUT_MS: wholeNumberVar(10, 60_000).default(2_000),
    OPD_STATEMENT_TIMEOUT_MS: wholeNumberVar(100, 600_000).default(10_000),
    OPD_TX_MAX_ATTEMPTS: wholeNumberVar(1, 20).default(5),
    OPD_SWEEP_INTERVAL_MS: wholeNumberVar(0, 3_600_000).default(30_000),
    OPD_OUTBOX_RETENTION_DAYS: wholeNumberVar(1, 3650).default(7),
    OPD_WAITLIST_SHARE: z.coerce
      .number({ error: 'expected a share of the day capacity between 0 and 10, e.g. 0.25' })
      .min(0)
      .max(10)
      .default(0.25),
    OPD_WAITLIST_MINIMUM: wholeNumberVar(0, 100_000).default(5),
    OPD_BATCH_MAX: wholeNumberVar(1, 1_000).default(64),
    OPD_ROLE_SOURCES: roleSourcesVar.prefault('counter=*;admin=*;integration=ONLINE,FOLLOW_UP'),
    OPD_DAY_CACHE_DAYS: wholeNumberVar(1, 1_000_000).default(5_000),
  })
  .superRefine(refuseDevelopmentSecretInProduction);

export type AllocationConfig = z.infer<typeof schema>;

export function loadAllocationConfig(env: NodeJS.ProcessEnv = process.env): AllocationConfig {
  return loadConfig(schema, env);
}
