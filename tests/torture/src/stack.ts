// The run's private world, as the faults and checks see it: one PostgreSQL, one NATS server and
// one instance of each service, or (the cluster run) a primary and standby, a three-node NATS
// cluster and two instances of each service.
import type { Clients } from './clients.js';
import type { LoadDriver } from './load-driver.js';
import type { NatsCluster } from './nats-cluster.js';
import type { NatsServer } from './nats-server.js';
import type { PostgresPair } from './postgres-pair.js';
import type { PostgresServer } from './postgres-server.js';
import type { RunProfile } from './profile.js';
import type { RunDir } from './run-dir.js';
import type { Service } from './services.js';
import type { Supervisor } from './supervisor.js';

export const ALLOCATION_DB = 'opd';
export const REPORTING_DB = 'opd_reporting';
export const STREAM = 'OPD_EVENTS';
export const DURABLE = 'opd-reporting';

interface StackBase {
  readonly profile: RunProfile;
  readonly run: RunDir;
  /** Every instance of each service (one each, or two each in the cluster run). */
  readonly allocations: readonly Service[];
  readonly reportings: readonly Service[];
  /** NATS as the services are given it: one server, or every node of the cluster. */
  readonly natsServers: readonly string[];
  readonly clients: Clients;
  readonly supervisor: Supervisor;
  readonly driver: LoadDriver;
  /** A URL to `database` as the services are given it (both servers in the cluster run). */
  databaseUrl(database: string): string;
}

export interface SingleStack extends StackBase {
  readonly kind: 'single';
  readonly postgres: PostgresServer;
  readonly nats: NatsServer;
  readonly allocation: Service;
  readonly reporting: Service;
}

export interface ClusterStack extends StackBase {
  readonly kind: 'cluster';
  readonly postgres: PostgresPair;
  readonly nats: NatsCluster;
}

export type Stack = SingleStack | ClusterStack;

/** A stack as started: everything but the profile, the directory and the load. */
export type Started<S extends Stack = Stack> = S extends unknown
  ? Omit<S, 'profile' | 'run' | 'driver'> & {
      /** Stops everything, quietly (no incidents), services first. */
      stop(): Promise<void>;
    }
  : never;
