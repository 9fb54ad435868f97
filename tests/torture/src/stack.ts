// The run's private world, as the faults and checks see it.
import type { Clients } from './clients.js';
import type { LoadDriver } from './load-driver.js';
import type { NatsServer } from './nats-server.js';
import type { PostgresServer } from './postgres-server.js';
import type { RunProfile } from './profile.js';
import type { RunDir } from './run-dir.js';
import type { Service } from './services.js';
import type { Supervisor } from './supervisor.js';

export const ALLOCATION_DB = 'opd';
export const REPORTING_DB = 'opd_reporting';
export const STREAM = 'OPD_EVENTS';
export const DURABLE = 'opd-reporting';

export interface Stack {
  readonly profile: RunProfile;
  readonly run: RunDir;
  readonly postgres: PostgresServer;
  readonly nats: NatsServer;
  readonly allocation: Service;
  readonly reporting: Service;
  readonly clients: Clients;
  readonly supervisor: Supervisor;
  readonly driver: LoadDriver;
}
