// Exports whose clients stop reading (issue 12, item 3): they must not hold an export slot, a
// database connection or a snapshot for longer than the stall limit, and one key may not take
// every slot.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import type { ExportTokensRequest, ExportTokensResponse } from '@opd/api';
import { expectRefused } from '@opd/service-runtime/testing';
import pg from 'pg';
import { insertBulkTokens } from './support/bulk-tokens.js';
import { eventually, startHarness, type Harness } from './support/harness.js';

const STALL_MS = 8_000;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    env: {
      OPD_REPORTING_MAX_EXPORTS: '3',
      OPD_REPORTING_MAX_EXPORTS_PER_KEY: '2',
      OPD_REPORTING_EXPORT_STALL_MS: String(STALL_MS),
    },
  });
  // 40,000 tokens: far more than gRPC buffers for a client that stops reading.
  await insertBulkTokens(h.app().orm, {
    firstDate: '2027-01-01',
    days: 20,
    doctors: 4,
    tokensPerDay: 500,
  });
}, 30_000);
afterAll(async () => {
  await h.stop();
});

const everything: ExportTokensRequest = {
  startDate: '2027-01-01',
  endDate: '2027-01-20',
  doctorId: '',
  statuses: [],
  sources: [],
};
const oneDay: ExportTokensRequest = { ...everything, endDate: '2027-01-01' };

/** An export whose client reads its first message, then nothing more until told to. */
async function stalledExport(role: 'reporting' | 'admin') {
  const iterator = h.client(role).exportTokens(everything, { timeoutMs: 60_000 });
  const messages = iterator[Symbol.asyncIterator]();
  await messages.next();
  return {
    /** Reads on to the end; resolves with the rows read, rejects with the call's error. */
    async readOn(): Promise<number> {
      let rows = 0;
      for (let m = await messages.next(); !m.done; m = await messages.next()) {
        rows += (m.value as ExportTokensResponse).tokenRecords.length;
      }
      return rows;
    },
    cancel: () => messages.return?.(),
  };
}

async function exportedRows(role: 'reporting' | 'admin', request = oneDay): Promise<number> {
  let rows = 0;
  for await (const batch of h.client(role).exportTokens(request)) rows += batch.tokenRecords.length;
  return rows;
}

/** Backends of the read model's database holding a snapshot, apart from the one asking. */
async function snapshotsHeld(): Promise<number> {
  const client = new pg.Client({ connectionString: h.db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_xmin is not null`,
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

describe('exports per key', () => {
  it('refuses a key a third export at once while another key may still start one', async () => {
    const held = await Promise.all([stalledExport('reporting'), stalledExport('reporting')]);
    try {
      const refused = await expectRefused(
        firstRows('reporting'),
        status.RESOURCE_EXHAUSTED,
        'RATE_LIMITED',
      );
      expect(refused.message).toContain('this key');
      expect(await exportedRows('admin')).toBe(2_000);
    } finally {
      await Promise.all(held.map((call) => call.cancel()));
    }
    // Cancelled by their client, the exports give the key its slots back.
    await eventually(
      () => exportedRows('reporting').catch(() => -1),
      (n) => n === 2_000,
    );
  });
});

describe('an export whose client stops reading', () => {
  it('is ended after the stall limit, freeing its slot and releasing its snapshot', async () => {
    const stalled = await Promise.all([stalledExport('reporting'), stalledExport('reporting')]);
    const third = await stalledExport('admin');
    // Every slot is taken by a client that reads nothing …
    await expectRefused(firstRows('admin'), status.RESOURCE_EXHAUSTED, 'RATE_LIMITED');

    // … until the stall limit ends those exports: the slots are free, the snapshots gone.
    await eventually(snapshotsHeld, (n) => n === 0);
    expect(
      await eventually(
        () => exportedRows('admin').catch(() => -1),
        (n) => n === 2_000,
      ),
    ).toBe(2_000);
    // A stalled client that reads on finds its export ended, not complete.
    for (const call of [...stalled, third]) {
      const error = await call.readOn().then(
        (rows) => new Error(`the stalled export ran to the end (${rows} more rows)`),
        (thrown: unknown) => thrown,
      );
      expect(error).toMatchObject({ code: status.DEADLINE_EXCEEDED });
    }
  }, 60_000);
});

/** Resolves once the first message of a one-day export arrives (or rejects with the refusal). */
async function firstRows(role: 'reporting' | 'admin'): Promise<number> {
  for await (const batch of h.client(role).exportTokens(oneDay)) return batch.tokenRecords.length;
  return 0;
}
