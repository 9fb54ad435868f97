// The run, start to end: bring up a private world, load it, inject the faults one after
// another while the load goes on, let it settle, retry what the client never learnt, then check
// everything from the databases and the event stream. Whatever happens, the run's processes
// are ended and its directory removed (unless asked to keep it).
import os from 'node:os';
import { readAllocation } from './allocation-snapshot.js';
import { checkIndefinite } from './checks/indefinite.js';
import { killAllocation } from './faults/kill-allocation.js';
import { killAllocationMidBatch } from './faults/kill-allocation-mid-batch.js';
import { killAllocationInstance } from './faults/kill-allocation-instance.js';
import { killReporting } from './faults/kill-reporting.js';
import { killReportingInstance } from './faults/kill-reporting-instance.js';
import { killStreamLeader } from './faults/kill-stream-leader.js';
import { natsOutage } from './faults/nats-outage.js';
import { postgresFailover } from './faults/postgres-failover.js';
import { restartPostgres } from './faults/restart-postgres.js';
import type { FaultRecord } from './faults/fault.js';
import { retryIndefinite } from './final-retry.js';
import { runFinalChecks } from './final-checks.js';
import { setUpHospital } from './hospital-setup.js';
import { noonZone } from '@opd/service-runtime/testing';
import { localDate } from './hospital-time.js';
import { Journal } from './journal.js';
import { Knowledge } from './knowledge.js';
import { LoadDriver } from './load-driver.js';
import { silentLogger, type Logger } from './logger.js';
import type { RunProfile } from './profile.js';
import { Random } from './random.js';
import type { TortureReport } from './report.js';
import { createRunDir, reapStaleRuns } from './run-dir.js';
import { Sampler } from './sampler.js';
import { settle } from './settle.js';
import {
  ALLOCATION_DB,
  type ClusterStack,
  type SingleStack,
  type Stack,
  type Started,
} from './stack.js';
import { startStack } from './stack-start.js';
import { startClusterStack } from './stack-start-cluster.js';
import { sleep } from './time.js';

export interface TortureOptions {
  readonly profile: RunProfile;
  readonly seed?: number;
  /** Structured progress lines; silent when absent. */
  readonly log?: Logger;
  /** Keep the run directory (logs, data) after the run, whatever its result. */
  readonly keep?: boolean;
  /** Count findings that match a known service bug as violations too. */
  readonly strict?: boolean;
}

const SINGLE_FAULTS: readonly ((stack: SingleStack) => Promise<FaultRecord>)[] = [
  killAllocation,
  killAllocationMidBatch,
  natsOutage,
  killReporting,
  restartPostgres,
];

/**
 * The cluster's faults. Reporting's early, while the days still fill and events flow (a frozen
 * instance is handed events only while there are some); the failover last: afterwards there is
 * no standby left.
 */
const CLUSTER_FAULTS: readonly ((stack: ClusterStack) => Promise<FaultRecord>)[] = [
  killAllocationInstance,
  killReportingInstance,
  killStreamLeader,
  postgresFailover,
];

/** The faults of the stack's topology, each ready to be injected into it. */
function faultsOf(stack: Stack): (() => Promise<FaultRecord>)[] {
  return stack.kind === 'single'
    ? SINGLE_FAULTS.map((fault) => () => fault(stack))
    : CLUSTER_FAULTS.map((fault) => () => fault(stack));
}

export async function runTorture(options: TortureOptions): Promise<TortureReport> {
  const { profile } = options;
  const log = options.log ?? silentLogger();
  const seed = options.seed ?? Date.now() % 1_000_000_007;
  const startedAt = Date.now();
  const reaped = await reapStaleRuns();
  if (reaped.length) log.info({ runs: reaped }, 'cleaned up after abandoned runs');
  const run = await createRunDir();
  const zone = noonZone();
  const today = localDate(zone);
  log.info({ runDir: run.path, seed, profile: profile.name, zone, today }, 'the run begins');
  let started: Started | undefined;
  try {
    started =
      profile.topology === 'cluster'
        ? await startClusterStack(run, profile, zone, log)
        : await startStack(run, profile, zone, log);
    const { clients, allocations, supervisor } = started;
    const hospital = await setUpHospital(
      clients.allocation('admin'),
      clients.allocation('counter'),
      profile,
      zone,
      today,
    );
    log.info({ doctorDays: hospital.days.length }, 'the hospital is open');
    const journal = new Journal();
    const random = new Random(seed);
    const knowledge = new Knowledge(new Map(hospital.days.map((d) => [d.doctorDayId, d.index])));
    const driver = new LoadDriver({ profile, hospital, clients, journal, knowledge, random });
    const stack: Stack = { ...started, profile, run, driver };
    const allocationUrl = stack.databaseUrl(ALLOCATION_DB);
    const sampler = new Sampler(allocationUrl, profile.sampleEveryMs);

    sampler.start();
    driver.start();
    const loadStarted = Date.now();
    const faults: FaultRecord[] = [];
    for (const fault of faultsOf(stack)) {
      await sleep(profile.loadBetweenFaultsMs);
      // A process that died on its own is up again before the next fault.
      await supervisor.idle();
      const record = await fault();
      faults.push(record);
      log.info(
        { fault: record.kind, happened: record.happened, evidence: record.evidence },
        'fault injected',
      );
    }
    await sleep(profile.loadBetweenFaultsMs);
    await driver.stop();
    const loadMs = Date.now() - loadStarted;
    log.info({ loadMs, operations: journal.records.length }, 'load stopped');

    // A quiet end: a graceful restart with the sweeper off, so nothing changes but our retries.
    await supervisor.idle();
    clients.hangUpAllocation();
    const gracefulStops = await Promise.all(
      allocations.map(async (allocation) => ({
        instance: allocation.instance,
        exit: await allocation.stop(),
      })),
    );
    await Promise.all(allocations.map((a) => a.start({ OPD_SWEEP_INTERVAL_MS: '0' })));
    log.info({ exits: gracefulStops }, 'allocation restarted gracefully, its sweeper off');
    const before = await readAllocation(allocationUrl);
    const indefinite = checkIndefinite(journal.records, before);
    const retries = await retryIndefinite(journal, driver);
    log.info(
      { retried: retries.retried, unresolved: retries.unresolved.length },
      'retried every operation whose outcome the client never learnt',
    );
    const settled = await settle(stack);
    await sampler.stop();
    log.info(settled, 'settled');

    const report = await runFinalChecks({
      stack,
      hospital,
      journal,
      sampler,
      indefinite,
      faults,
      settled,
      gracefulStops,
      incidents: supervisor.incidents,
      strict: options.strict ?? false,
      header: {
        profile: profile.name,
        seed,
        zone,
        today,
        doctorDays: hospital.days.length,
        patients: profile.patients,
        workers: profile.workers,
        machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
        startedAt: new Date(startedAt).toISOString(),
        loadMs,
        runDir: run.path,
      },
    });
    log.info({ violations: report.violations, known: report.knownFindings }, 'checked');
    return report;
  } catch (error) {
    log.error({ err: error, runDir: run.path }, 'the run could not complete');
    throw error;
  } finally {
    await started?.stop();
    await run.close(options.keep ?? false);
    log.info({ kept: options.keep ?? false }, 'the run is over; its processes are gone');
  }
}
