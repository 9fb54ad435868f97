import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import {
  AllocationServiceService,
  promiseClient,
  Source,
  type RequestTokenRequest,
} from '@opd/api';
import { decodeServiceError } from '@opd/service-runtime';
import pg from 'pg';
import { addDoctor, session } from './support/fixtures.js';
import {
  ist,
  KEYS,
  phone,
  rid,
  startHarness,
  TODAY,
  type AllocationClient,
  type Harness,
} from './support/harness.js';

// Requests that queue for a doctor-day while its lock is held elsewhere are decided together in
// the next batch (docs/adr/0014-doctor-day-batches.md). The tests hold the day's row lock from
// their own connection to make the queue form, then let go.

let h: Harness;
let counter: AllocationClient;
let admin: AllocationClient;

beforeAll(async () => {
  h = await startHarness();
  counter = h.client('counter');
  admin = h.client('admin');
  h.clock.set(ist('07:00'));
});
afterAll(() => h.stop());

const ask = (doctorId: string, fields: Partial<RequestTokenRequest> = {}): RequestTokenRequest => ({
  requestId: rid(),
  patientId: '',
  patientPhone: phone(),
  patientName: 'Batch Patient',
  doctorId,
  date: TODAY,
  source: Source.SOURCE_WALK_IN,
  preferredSlotId: '',
  notes: '',
  ...fields,
});

/** Holds the doctor-day's row lock from outside the service until `release` is called. */
async function holdDay(doctorId: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: h.db.url });
  await client.connect();
  await client.query('begin');
  await client.query('select 1 from doctor_day where doctor_id = $1 and date = $2 for update', [
    doctorId,
    TODAY,
  ]);
  return {
    async release() {
      await client.query('commit');
      await client.end();
    },
  };
}

/** Until `n` requests wait in the service's queues (behind the batch stuck on the lock). */
async function queued(n: number): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    if (h.app.env.batcher.queued() >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`only ${h.app.env.batcher.queued()} of ${n} requests ever queued`);
}

/** The batch sizes the service committed, from its own /metrics. */
async function batchSizes(): Promise<{ count: number; sum: number }> {
  const text = await (await fetch(`http://127.0.0.1:${h.app.metricsPort}/metrics`)).text();
  const read = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    count: read('opd_doctor_day_batch_requests_count'),
    sum: read('opd_doctor_day_batch_requests_sum'),
  };
}

const outcome = (r: PromiseSettledResult<unknown>) =>
  r.status === 'fulfilled' ? 'answered' : decodeServiceError(r.reason).reason;

describe('requests queued for one doctor-day', () => {
  it('are decided in one batch where one refused request refuses only its caller', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '10:00', 30, 5)]);
    await counter.requestToken(ask(doctorId)); // opens the day
    const lock = await holdDay(doctorId);
    const first = counter.requestToken(ask(doctorId)); // its batch waits on the lock
    await queued(0);
    const samePatient = { patientPhone: phone(), patientName: 'Ravi Kumar' };
    const calls = [
      ask(doctorId, samePatient),
      ask(doctorId, samePatient), // the same patient again: ALREADY_EXISTS, alone
      ask(doctorId, { preferredSlotId: '00000000-0000-4000-8000-000000000000' }), // no such slot
      ask(doctorId),
    ].map((request) => counter.requestToken(request));
    await queued(4);
    const before = await batchSizes();
    await lock.release();
    const results = await Promise.allSettled([first, ...calls]);

    expect(results.map(outcome)).toEqual([
      'answered',
      'answered',
      'PATIENT_ALREADY_HOLDS_TOKEN',
      'SLOT_NOT_FOUND',
      'answered',
    ]);
    const numbers = results.flatMap((r) =>
      r.status === 'fulfilled' && r.value.outcome?.$case === 'allocated'
        ? [r.value.outcome.value.token?.tokenNumber]
        : [],
    );
    expect(numbers).toEqual([2, 3, 4]);
    // Two batches: the one that waited on the lock, then the four queued behind it together.
    const after = await batchSizes();
    expect({ count: after.count - before.count, sum: after.sum - before.sum }).toEqual({
      count: 2,
      sum: 5,
    });
    const audit = await h.app.env.writePool.query<{ reason: string }>(
      `select outcome_reason as reason from audit_entry
        where action = 'RequestToken' and doctor_id = $1 order by seq`,
      [doctorId],
    );
    expect(audit.rows.map((r) => r.reason)).toEqual([
      '',
      '',
      '',
      'PATIENT_ALREADY_HOLDS_TOKEN',
      'SLOT_NOT_FOUND',
      '',
    ]);
  });

  it('answers a retry that lands in the same batch as its original with the same answer', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '10:00', 30, 5)]);
    await counter.requestToken(ask(doctorId));
    const lock = await holdDay(doctorId);
    const first = counter.requestToken(ask(doctorId));
    const request = ask(doctorId);
    const original = counter.requestToken(request);
    const retry = counter.requestToken(request);
    await queued(2);
    await lock.release();
    const [, a, b] = await Promise.all([first, original, retry]);

    expect(b).toEqual(a);
    const tokens = await h.app.env.writePool.query(
      `select t.number from token t join doctor_day d on d.id = t.doctor_day_id
        where d.doctor_id = $1 order by t.number`,
      [doctorId],
    );
    expect(tokens.rows).toHaveLength(3);
    const audit = await h.app.env.writePool.query<{ replayed: boolean }>(
      'select replayed from audit_entry where request_id = $1 order by seq',
      [request.requestId],
    );
    expect(audit.rows.map((r) => r.replayed)).toEqual([false, true]);
  });

  it('leaves out a request whose deadline passes while it waits, and stores nothing of it', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '10:00', 30, 5)]);
    await counter.requestToken(ask(doctorId));
    const lock = await holdDay(doctorId);
    const first = counter.requestToken(ask(doctorId));
    const impatient = ask(doctorId);
    const refused = await counter
      .requestToken(impatient, { timeoutMs: 300 })
      .then(() => undefined, decodeServiceError);
    await lock.release();
    await first;

    expect(refused?.code).toBe(status.DEADLINE_EXCEEDED);
    const stored = await h.app.env.writePool.query(
      `select (select count(*) from idempotency_record where request_id = $1)::int as answers,
              (select count(*) from patient where phone = $2)::int as patients`,
      [impatient.requestId, `+91${impatient.patientPhone}`],
    );
    expect(stored.rows[0]).toEqual({ answers: 0, patients: 0 });
    // Retried with the same request_id, it is decided afresh.
    const retried = await counter.requestToken(impatient);
    expect(retried.outcome?.$case).toBe('allocated');
  });

  it('answers UNAVAILABLE when the database drops the batch connection, and keeps serving', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '10:00', 30, 5)]);
    await counter.requestToken(ask(doctorId));
    const lock = await holdDay(doctorId);
    // The service's own answer: clients retry UNAVAILABLE by themselves (ADR 0018), and the
    // retry would wait on the held lock; this caller does not.
    const once = promiseClient(AllocationServiceService, h.address, {
      apiKey: KEYS.counter,
      channelOptions: { 'grpc.enable_retries': 0 },
    });
    const cut = once.requestToken(ask(doctorId)).then(() => undefined, decodeServiceError);
    await waitForBatchOnLock();
    await h.app.env.writePool.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query like '%opd_open_batch%'
          and pid <> pg_backend_pid()`,
    );
    expect((await cut)?.code).toBe(status.UNAVAILABLE);
    once.close();
    await lock.release();
    const after = await counter.requestToken(ask(doctorId));
    expect(after.outcome?.$case).toBe('allocated');
  });
});

/** Until a batch waits on the doctor-day's row lock inside open_doctor_day_batch. */
async function waitForBatchOnLock(): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    const rows = await h.app.env.writePool.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'
          and query like '%opd_open_batch%'`,
    );
    if ((rows.rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no batch ever waited on the lock');
}
