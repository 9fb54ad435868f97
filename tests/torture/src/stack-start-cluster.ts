// Brings the cluster run's world up: a PostgreSQL primary with a synchronous standby, a
// three-node NATS JetStream cluster, and two instances of each service given every NATS node,
// both PostgreSQL servers and the event stream at three replicas; clients given both instances
// of each. The supervisor restarts whatever dies unasked, except the primary once the standby
// was promoted (it is fenced).
import { openClients } from './clients.js';
import type { Logger } from './logger.js';
import { NatsCluster } from './nats-cluster.js';
import { PostgresPair } from './postgres-pair.js';
import type { RunProfile } from './profile.js';
import type { RunDir } from './run-dir.js';
import { API_KEYS, Service, type ServiceDefinition } from './services.js';
import { distinctPorts } from './stack-start.js';
import { ALLOCATION_DB, REPORTING_DB, type ClusterStack, type Started } from './stack.js';
import { Supervisor } from './supervisor.js';

const INSTANCES = 2;
const NATS_NODES = 3;

export async function startClusterStack(
  run: RunDir,
  profile: RunProfile,
  zone: string,
  log: Logger,
): Promise<Started<ClusterStack>> {
  const ports = await distinctPorts(2 + NATS_NODES * 2 + INSTANCES * 4);
  const next = () => {
    const port = ports.shift();
    if (port === undefined) throw new Error('out of ports');
    return port;
  };
  const supervisor = new Supervisor(log);
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    supervisor.stop();
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };

  try {
    const postgres: PostgresPair = new PostgresPair(
      run,
      { primary: next(), standby: next() },
      (role) => supervisor.watch(`postgres-${role}`, () => postgres.restart(role)),
    );
    stops.push(() => postgres.stop());
    await postgres.start([ALLOCATION_DB, REPORTING_DB]);
    log.info(
      { primary: postgres.primaryPort, standby: postgres.standbyPort },
      'PostgreSQL primary and synchronous standby are up',
    );

    const nats: NatsCluster = new NatsCluster(
      run,
      Array.from({ length: NATS_NODES }, () => ({ client: next(), route: next() })),
      (name) =>
        supervisor.watch(`nats-${name}`, () => {
          const node = nats.node(name);
          return node.running ? Promise.resolve() : node.start();
        }),
    );
    stops.push(() => nats.stop());
    await nats.start();
    log.info({ servers: nats.servers }, 'the NATS cluster is up');

    const common = {
      NATS_URL: nats.servers.join(','),
      OPD_EVENT_STREAM_REPLICAS: String(NATS_NODES),
      OPD_API_KEYS: API_KEYS,
      OPD_MIGRATE_ON_START: 'true',
      LOG_LEVEL: 'info',
    };
    const service = (definition: ServiceDefinition): Service => {
      const created: Service = new Service(
        definition,
        run,
        supervisor.watch(definition.instance ?? definition.name, () =>
          created.running ? Promise.resolve() : created.start(),
        ),
      );
      stops.push(() => created.stop());
      return created;
    };
    const allocations = Array.from({ length: INSTANCES }, (_, i) => {
      const grpc = next();
      const metrics = next();
      return service({
        name: 'allocation',
        instance: `allocation-${i + 1}`,
        entry: 'services/allocation/src/main.ts',
        ports: { grpc, metrics },
        env: {
          ...common,
          DATABASE_URL: postgres.url(ALLOCATION_DB),
          OPD_GRPC_PORT: String(grpc),
          OPD_METRICS_PORT: String(metrics),
          OPD_TIME_ZONE: zone,
          OPD_NO_SHOW_GRACE_MINUTES: String(profile.noShowGraceMinutes),
          OPD_SWEEP_INTERVAL_MS: String(profile.sweepIntervalMs),
        },
      });
    });
    const reportings = Array.from({ length: INSTANCES }, (_, i) => {
      const grpc = next();
      const metrics = next();
      return service({
        name: 'reporting',
        instance: `reporting-${i + 1}`,
        entry: 'services/reporting/src/main.ts',
        ports: { grpc, metrics },
        env: {
          ...common,
          REPORTING_DATABASE_URL: postgres.url(REPORTING_DB),
          OPD_REPORTING_GRPC_PORT: String(grpc),
          OPD_REPORTING_METRICS_PORT: String(metrics),
          // Both share the durable consumer; a killed one's events come back after this long.
          OPD_REPORTING_ACK_WAIT_MS: '5000',
        },
      });
    });
    // The first instance of each migrates its database; the second starts on a migrated one.
    const [firstAllocation, ...moreAllocations] = allocations;
    const [firstReporting, ...moreReporting] = reportings;
    await Promise.all([firstAllocation?.start(), firstReporting?.start()]);
    await Promise.all([...moreAllocations, ...moreReporting].map((s) => s.start()));
    log.info(
      {
        allocation: allocations.map((s) => s.instance),
        reporting: reportings.map((s) => s.instance),
      },
      'two instances of each service are up',
    );
    const addresses = (services: readonly Service[]) =>
      services.map((s) => `127.0.0.1:${s.definition.ports.grpc}`).join(',');
    const clients = openClients(addresses(allocations), addresses(reportings));
    stops.push(async () => clients.close());
    return {
      kind: 'cluster',
      postgres,
      nats,
      allocations,
      reportings,
      natsServers: nats.servers,
      databaseUrl: (database) => postgres.url(database),
      clients,
      supervisor,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
