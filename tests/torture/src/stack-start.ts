// Brings the run's private world up: PostgreSQL, NATS and both services on free ports, watched
// by a supervisor that records (and repairs) any death the run did not cause. If any part fails
// to start, what did start is stopped again before the error goes up.
import { openClients } from './clients.js';
import type { Logger } from './logger.js';
import { NatsServer } from './nats-server.js';
import { freePort } from './ports.js';
import { PostgresServer } from './postgres-server.js';
import type { RunProfile } from './profile.js';
import type { RunDir } from './run-dir.js';
import { API_KEYS, Service } from './services.js';
import { ALLOCATION_DB, REPORTING_DB, type SingleStack, type Started } from './stack.js';
import { Supervisor } from './supervisor.js';

export async function distinctPorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

export async function startStack(
  run: RunDir,
  profile: RunProfile,
  zone: string,
  log: Logger,
): Promise<Started<SingleStack>> {
  const [pgPort, natsPort, allocGrpc, allocMetrics, repGrpc, repMetrics] = (await distinctPorts(
    6,
  )) as [number, number, number, number, number, number];
  const supervisor = new Supervisor(log);
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    supervisor.stop();
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };

  try {
    const postgres = await PostgresServer.start(run, pgPort);
    stops.push(() => postgres.close());
    await postgres.createDatabase(ALLOCATION_DB);
    await postgres.createDatabase(REPORTING_DB);
    log.info({ port: pgPort }, 'PostgreSQL is up');

    const nats: NatsServer = new NatsServer(
      run,
      natsPort,
      supervisor.watch('nats', () => (nats.running ? Promise.resolve() : nats.start())),
    );
    stops.push(() => nats.stop());
    await nats.start();
    log.info({ port: natsPort }, 'nats-server is up');

    const common = {
      NATS_URL: nats.url,
      OPD_API_KEYS: API_KEYS,
      OPD_MIGRATE_ON_START: 'true',
      LOG_LEVEL: 'info',
    };
    const service = (definition: Service['definition']): Service => {
      const created: Service = new Service(
        definition,
        run,
        supervisor.watch(definition.name, () =>
          created.running ? Promise.resolve() : created.start(),
        ),
      );
      stops.push(() => created.stop());
      return created;
    };
    const allocation = service({
      name: 'allocation',
      entry: 'services/allocation/src/main.ts',
      ports: { grpc: allocGrpc, metrics: allocMetrics },
      env: {
        ...common,
        DATABASE_URL: postgres.url(ALLOCATION_DB),
        OPD_GRPC_PORT: String(allocGrpc),
        OPD_METRICS_PORT: String(allocMetrics),
        OPD_TIME_ZONE: zone,
        OPD_NO_SHOW_GRACE_MINUTES: String(profile.noShowGraceMinutes),
        OPD_SWEEP_INTERVAL_MS: String(profile.sweepIntervalMs),
      },
    });
    const reporting = service({
      name: 'reporting',
      entry: 'services/reporting/src/main.ts',
      ports: { grpc: repGrpc, metrics: repMetrics },
      env: {
        ...common,
        REPORTING_DATABASE_URL: postgres.url(REPORTING_DB),
        OPD_REPORTING_GRPC_PORT: String(repGrpc),
        OPD_REPORTING_METRICS_PORT: String(repMetrics),
        // Events in the hands of a killed instance come back after this long.
        OPD_REPORTING_ACK_WAIT_MS: '5000',
      },
    });
    await Promise.all([allocation.start(), reporting.start()]);
    log.info({ allocation: allocGrpc, reporting: repGrpc }, 'both services are up');
    const clients = openClients(`127.0.0.1:${allocGrpc}`, `127.0.0.1:${repGrpc}`);
    stops.push(async () => clients.close());
    return {
      kind: 'single',
      postgres,
      nats,
      allocation,
      reporting,
      allocations: [allocation],
      reportings: [reporting],
      natsServers: [nats.url],
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
