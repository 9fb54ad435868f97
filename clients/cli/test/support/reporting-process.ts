// Starts the real reporting service as a child process, consuming the events of a test's
// allocation service into its own fresh database.
import { randomUUID } from 'node:crypto';
import { type AllocationProcess, API_KEYS, freePort } from './allocation-process.js';
import { adminQuery, databaseUrl, startChildService } from './child-service.js';

export interface ReportingProcess {
  readonly address: string;
  stop(): Promise<void>;
}

export async function startReportingProcess(
  allocation: AllocationProcess,
): Promise<ReportingProcess> {
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  const database = `opd_cli_report_test_${id}`;
  await adminQuery(`create database ${database}`);
  const drop = () => adminQuery(`drop database if exists ${database} with (force)`);
  const [grpcPort, metricsPort] = [await freePort(), await freePort()];
  const service = await startChildService(
    'services/reporting/src/main.ts',
    {
      REPORTING_DATABASE_URL: databaseUrl(database),
      NATS_URL: allocation.natsUrl,
      OPD_MIGRATE_ON_START: 'true',
      OPD_REPORTING_GRPC_PORT: String(grpcPort),
      OPD_REPORTING_METRICS_PORT: String(metricsPort),
      OPD_API_KEYS: API_KEYS,
      OPD_EVENT_STREAM: allocation.stream.name,
      OPD_EVENT_SUBJECT_PREFIX: allocation.stream.subjectPrefix,
      OPD_REPORTING_CONSUMER: `cli-test-${id}`,
    },
    metricsPort,
  ).catch(async (error: unknown) => {
    await drop();
    throw error;
  });
  return {
    address: `127.0.0.1:${grpcPort}`,
    async stop() {
      await service.stop();
      await drop();
    },
  };
}
