// A manager's export client that stops reading for a while: the service, running as its own
// process as in production, must hold its memory flat meanwhile (the cursor is not read ahead
// for a client that does not keep up), and finish the export once the client reads again.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ReportingServiceService, promiseClient } from '@opd/api';
import { uniqueStream } from '@opd/event-stream/testing';
import {
  createTestDatabase,
  startService,
  type ServiceProcess,
  type TestDatabase,
} from '@opd/service-runtime/testing';
import { openDatabase } from '../src/db/orm.js';
import { REPORTING_NODE_OPTIONS } from '../src/node-options.js';
import { insertBulkTokens } from './support/bulk-tokens.js';

const ROWS = 100_000;
let db: TestDatabase;
let service: ServiceProcess;

beforeAll(async () => {
  db = await createTestDatabase('opd_report_test');
  const stream = uniqueStream();
  service = await startService(
    'services/reporting/src/main.ts',
    {
      REPORTING_DATABASE_URL: db.url,
      OPD_MIGRATE_ON_START: 'true',
      OPD_REPORTING_GRPC_PORT: '0',
      OPD_REPORTING_METRICS_PORT: '0',
      OPD_EVENT_STREAM: stream.name,
      OPD_EVENT_SUBJECT_PREFIX: stream.subjectPrefix,
      OPD_API_KEYS: 'manager:reporting:plain=manager-key',
      NODE_OPTIONS: REPORTING_NODE_OPTIONS,
    },
    'reporting service is serving',
  );
  // The service migrated its database before serving; the rows go straight into it.
  const orm = await openDatabase({ url: db.url });
  try {
    await insertBulkTokens(orm, {
      firstDate: '2027-01-01',
      days: 50,
      doctors: 4,
      tokensPerDay: 500,
    });
  } finally {
    await orm.close();
  }
}, 60_000);
afterAll(async () => {
  await service.stop();
  await db.drop();
});

/** The service's resident memory now, from /proc. */
function residentBytes(): number {
  const status = readFileSync(`/proc/${service.child.pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]) * 1024;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an export whose reader pauses', () => {
  it('holds the service memory flat through a 10 s pause, then finishes', async () => {
    const client = promiseClient(ReportingServiceService, `127.0.0.1:${service.port}`, {
      apiKey: 'manager-key',
      defaultTimeoutMs: 120_000,
    });
    try {
      const request = {
        startDate: '2027-01-01',
        endDate: '2027-02-19',
        doctorId: '',
        statuses: [],
        sources: [],
      };
      const messages = client.exportTokens(request)[Symbol.asyncIterator]();
      let rows = 0;
      for (let i = 0; i < 40; i++) rows += (await messages.next()).value?.tokenRecords.length ?? 0;

      // The service goes on until gRPC's buffers for this client are full (a few messages, a
      // moment); from then on, nothing more may be read from the cursor or held.
      await pause(1_000);
      const before = residentBytes();
      await pause(9_000);
      const after = residentBytes();
      for (let m = await messages.next(); !m.done; m = await messages.next()) {
        rows += m.value.tokenRecords.length;
      }

      expect(rows).toBe(ROWS);
      expect((after - before) / 2 ** 20).toBeLessThan(4);
    } finally {
      client.close();
    }
  }, 60_000);
});
