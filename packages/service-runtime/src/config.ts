import { z } from 'zod';
import { DEFAULT_LIMITS } from './limits.js';
import { parsePostgresUrl } from './postgres-target.js';

/** Bad configuration: one line per problem, each naming the environment variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Variables whose values are secrets: their values are never echoed in errors. */
const SECRET_NAME = /KEY|SECRET|PASSWORD|TOKEN|CREDENTIAL/i;

function describeValue(variable: string, value: string | undefined): string {
  if (value === undefined) return ' (not set)';
  if (SECRET_NAME.test(variable)) return '';
  // A URL's password (postgres://user:password@host) is a secret too.
  return `, got '${value.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@')}'`;
}

/**
 * Parses the environment with a zod object schema keyed by variable name.
 *
 * @example
 * loadConfig(z.object({ OPD_GRPC_PORT: portVar() }), { OPD_GRPC_PORT: 'abc' })
 *   // throws ConfigError: "OPD_GRPC_PORT: expected a number from 1 to 65535, got 'abc'"
 */
export function loadConfig<T>(schema: z.ZodType<T>, env: Env = process.env): T {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.map(String).join('.') || '(environment)';
    const value = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
    return `${variable}: ${issue.message}${describeValue(variable, value)}`;
  });
  throw new ConfigError(problems);
}

/** A TCP port variable; `allowZero` accepts 0 (any free port, for tests). */
export function portVar(options: { allowZero?: boolean } = {}): z.ZodType<number> {
  const min = options.allowZero === true ? 0 : 1;
  const message = `expected a number from ${min} to 65535`;
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,5}$/, { error: message })
    .transform(Number)
    .refine((port) => port >= min && port <= 65535, { error: message });
}

/** The page-token signing secret a development checkout runs with; never good enough in production. */
const DEVELOPMENT_PAGE_TOKEN_SECRET = 'opd-dev-page-token-secret';

/**
 * Secrets that are public because a file of this repository or its documentation holds them (the
 * development default, the fallback docker-compose.yml once had), and placeholders of that kind.
 */
const KNOWN_DEFAULT_SECRETS = new Set([
  DEVELOPMENT_PAGE_TOKEN_SECRET,
  'change-me-page-token-secret',
]);
const PLACEHOLDER = /change[-_ ]?me|changeit|placeholder|example/i;

/** True for a secret anyone can know: a default of this repository or an obvious placeholder. */
export function isKnownDefaultSecret(secret: string): boolean {
  return KNOWN_DEFAULT_SECRETS.has(secret) || PLACEHOLDER.test(secret);
}

/**
 * `OPD_PAGE_TOKEN_SECRET` with `NODE_ENV`: a known default is refused when NODE_ENV is
 * production, because anyone who knows it can forge page tokens for any filter.
 */
export const pageTokenSecretVars = {
  NODE_ENV: z.string().optional(),
  OPD_PAGE_TOKEN_SECRET: z
    .string()
    .min(16, { error: 'expected at least 16 characters' })
    .default(DEVELOPMENT_PAGE_TOKEN_SECRET),
};

/** Refinement for a schema holding `pageTokenSecretVars`. */
export function refuseDevelopmentSecretInProduction(
  config: { NODE_ENV?: string | undefined; OPD_PAGE_TOKEN_SECRET: string },
  ctx: z.RefinementCtx,
): void {
  if (config.NODE_ENV === 'production' && isKnownDefaultSecret(config.OPD_PAGE_TOKEN_SECRET))
    ctx.addIssue({
      code: 'custom',
      path: ['OPD_PAGE_TOKEN_SECRET'],
      message:
        'is a publicly known default or placeholder; set a secret of its own when NODE_ENV is production (e.g. openssl rand -hex 32)',
    });
}

/** A true/false variable; empty means false. */
export const booleanVar = z
  .enum(['true', 'false', '1', '0', ''], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1');

/** A whole number from `min` to `max`. */
export function wholeNumberVar(min: number, max: number): z.ZodType<number, string> {
  const message = `expected a whole number from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { error: message })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: message });
}

/**
 * Limits on connections, streams, request rates and failed authentication, and the deadlines
 * given to calls that bring none (docs/security.md, "Limits"). The defaults are far above what
 * the counters, the benchmarks and the test suites ask of one key or one address.
 */
export const limitVars = {
  OPD_GRPC_MAX_CONNECTIONS: wholeNumberVar(1, 1_000_000).default(DEFAULT_LIMITS.maxConnections),
  OPD_GRPC_MAX_CONNECTIONS_PER_ADDRESS: wholeNumberVar(1, 1_000_000).default(
    DEFAULT_LIMITS.maxConnectionsPerAddress,
  ),
  OPD_GRPC_CONNECTION_IDLE_MS: wholeNumberVar(100, 86_400_000).default(
    DEFAULT_LIMITS.connectionIdleMs,
  ),
  OPD_GRPC_KEEPALIVE_TIME_MS: wholeNumberVar(1_000, 86_400_000).default(
    DEFAULT_LIMITS.keepaliveTimeMs,
  ),
  OPD_GRPC_KEEPALIVE_TIMEOUT_MS: wholeNumberVar(100, 600_000).default(
    DEFAULT_LIMITS.keepaliveTimeoutMs,
  ),
  OPD_GRPC_MAX_CONCURRENT_STREAMS: wholeNumberVar(1, 10_000).default(
    DEFAULT_LIMITS.maxConcurrentStreams,
  ),
  OPD_MAX_STREAMS_PER_KEY: wholeNumberVar(1, 1_000_000).default(DEFAULT_LIMITS.maxStreamsPerKey),
  OPD_MAX_STREAMS_PER_CONNECTION: wholeNumberVar(1, 10_000).default(
    DEFAULT_LIMITS.maxStreamsPerConnection,
  ),
  OPD_KEY_REQUESTS_PER_SECOND: wholeNumberVar(1, 1_000_000).default(
    DEFAULT_LIMITS.keyRequestsPerSecond,
  ),
  OPD_AUTH_FAILURES_PER_MINUTE: wholeNumberVar(1, 1_000_000).default(
    DEFAULT_LIMITS.authFailuresPerMinute,
  ),
  OPD_DEFAULT_DEADLINE_MS: wholeNumberVar(100, 86_400_000).default(
    DEFAULT_LIMITS.defaultDeadlineMs,
  ),
  OPD_DEFAULT_STREAM_DEADLINE_MS: wholeNumberVar(100, 604_800_000).default(
    DEFAULT_LIMITS.defaultStreamDeadlineMs,
  ),
};

const NATS_SERVER =
  /^(?:(?:nats|tls):\/\/)?(?:[^\s,/@]+@)?(?:\[[0-9A-Fa-f:.]+\]|[^\s,/:@[\]]+)(?::\d{1,5})?$/;

/**
 * NATS servers as one setting: one URL, or the nodes of a cluster comma-separated
 * (`nats://10.0.0.1:4222,nats://10.0.0.2:4222`). Returns the list, or a problem in words.
 */
export function parseNatsServers(text: string): string[] | { readonly problem: string } {
  const servers = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (servers.length === 0) return { problem: 'expected a NATS URL such as nats://127.0.0.1:4222' };
  const bad = servers.find((s) => !NATS_SERVER.test(s));
  if (bad !== undefined) return { problem: `"${bad}" is not a NATS URL (nats://host:port)` };
  return servers;
}

/** `NATS_URL`: one server or several, comma-separated; the services get the list. */
export const natsServersVar = z.string().transform((text, ctx) => {
  const servers = parseNatsServers(text);
  if (!Array.isArray(servers)) {
    ctx.addIssue({ code: 'custom', message: servers.problem });
    return z.NEVER;
  }
  return servers;
});

/**
 * A PostgreSQL URL: one server, or a primary and its standbys in libpq's multi-host form
 * (`postgres://user@db-a:5432,db-b:5432/opd?target_session_attrs=read-write`, ADR 0018).
 */
export const postgresUrlVar = z.string().superRefine((text, ctx) => {
  const parsed = parsePostgresUrl(text);
  if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
});

/** What every service shares: NATS, the gRPC host, TLS, the event stream, migrations, logging. */
export const commonServiceVars = {
  NATS_URL: natsServersVar.prefault('nats://127.0.0.1:4222'),
  OPD_GRPC_HOST: z.string().default('127.0.0.1'),
  OPD_TLS_CERT_FILE: z.string().optional(),
  OPD_TLS_KEY_FILE: z.string().optional(),
  OPD_TLS_CA_FILE: z.string().optional(),
  OPD_TLS_REQUIRE_CLIENT_CERT: booleanVar.default(false),
  OPD_EVENT_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('OPD_EVENTS'),
  OPD_EVENT_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .default('opd.v1.events'),
  /** Copies JetStream keeps of each event: 1 on one server, 3 on a three-node cluster. */
  OPD_EVENT_STREAM_REPLICAS: wholeNumberVar(1, 5).default(1),
  OPD_MIGRATE_ON_START: booleanVar.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...pageTokenSecretVars,
  ...limitVars,
};
