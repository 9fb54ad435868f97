// What `npm start` runs against and where everything listens: the environment wins, local
// defaults otherwise. Only these values are read from the environment here.

export interface StackConfig {
  /** The allocation database: DATABASE_URL, else the local default (maybe embedded). */
  readonly databaseUrl: string;
  readonly reportingDatabaseUrl: string;
  /** True when DATABASE_URL was set: then an unreachable server is an error, never replaced. */
  readonly databaseConfigured: boolean;
  readonly natsUrl: string;
  readonly host: string;
  readonly allocationPort: number;
  readonly allocationMetricsPort: number;
  readonly reportingPort: number;
  readonly reportingMetricsPort: number;
  /** Load the demo hospital into an empty database (OPD_DEMO=false turns it off). */
  readonly demo: boolean;
  readonly logLevel: string;
}

export const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/opd';

const port = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65_535) {
    throw new Error(`${name}: expected a port from 1 to 65535, got '${value}'`);
  }
  return n;
};

/**
 * The reporting database next to the allocation one: same server(s), database opd_reporting.
 * A primary-and-standby URL (host-a,host-b) keeps its hosts and settings.
 */
export function siblingDatabase(url: string, name: string): string {
  return withDatabase(url, name);
}

/** `url` naming database `name` instead of its own (one host or several, query kept). */
export function withDatabase(url: string, name: string): string {
  const match = /^([a-z]+:\/\/[^/?#]*)(\/[^?#]*)?(.*)$/.exec(url);
  if (!match) throw new Error(`not a database URL: ${redact(url)}`);
  return `${match[1] ?? ''}/${encodeURIComponent(name)}${match[3] ?? ''}`;
}

export function loadStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const databaseUrl = env['DATABASE_URL'] || LOCAL_DATABASE_URL;
  return {
    databaseUrl,
    reportingDatabaseUrl:
      env['REPORTING_DATABASE_URL'] || siblingDatabase(databaseUrl, 'opd_reporting'),
    databaseConfigured: Boolean(env['DATABASE_URL']),
    natsUrl: env['NATS_URL'] || 'nats://127.0.0.1:4222',
    host: env['OPD_GRPC_HOST'] || '127.0.0.1',
    allocationPort: port(env, 'OPD_GRPC_PORT', 50051),
    allocationMetricsPort: port(env, 'OPD_METRICS_PORT', 9464),
    reportingPort: port(env, 'OPD_REPORTING_GRPC_PORT', 50052),
    reportingMetricsPort: port(env, 'OPD_REPORTING_METRICS_PORT', 9465),
    demo: env['OPD_DEMO'] !== 'false',
    logLevel: env['LOG_LEVEL'] || 'warn',
  };
}

/** A connection URL without its password, for printing. */
export const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
