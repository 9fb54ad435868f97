import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import {
  applyBoardChange,
  SlotStatus,
  Source,
  WatchDoctorDayResponse,
  type DoctorDayBoard,
} from '@opd/api';
import { expectRefused, listServices } from '@opd/service-runtime/testing';
import { addDoctor, session } from './support/fixtures.js';
import {
  ist,
  phone,
  rid,
  startAnotherInstance,
  startHarness,
  TODAY,
  type AllocationClient,
  type Harness,
} from './support/harness.js';

let h: Harness;
let admin: AllocationClient;
let counter: AllocationClient;

beforeAll(async () => {
  h = await startHarness();
  admin = h.client('admin');
  counter = h.client('counter');
  h.clock.set(ist('07:00'));
});
afterAll(() => h.stop());

const book = (doctorId: string, patientPhone = phone()) =>
  counter.requestToken({
    requestId: rid(),
    patientId: '',
    patientPhone,
    patientName: 'Dev Anand',
    doctorId,
    date: TODAY,
    source: Source.SOURCE_WALK_IN,
    preferredSlotId: '',
    notes: 'wheelchair',
  });

describe('the doctor-day board', () => {
  it('shows a day nobody asked for yet with its slots from the template, and stores nothing', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '10:00', 20, 3)]);
    const { board } = await counter.getDoctorDayBoard({ doctorId, date: TODAY });
    const stored = await h.app.env.writePool.query(
      'select (select count(*) from doctor_day where doctor_id = $1)::int as days, (select count(*) from outbox_event)::int as events',
      [doctorId],
    );
    expect(
      board?.slots.map((s) => [s.localStartTime, s.localEndTime, s.capacity, s.status]),
    ).toEqual([
      ['09:00', '09:20', 3, SlotStatus.SLOT_STATUS_OPEN],
      ['09:20', '09:40', 3, SlotStatus.SLOT_STATUS_OPEN],
      ['09:40', '10:00', 3, SlotStatus.SLOT_STATUS_OPEN],
    ]);
    expect(board?.timeZone).toBe('Asia/Kolkata');
    expect(board?.sequence).toBe(0);
    expect(stored.rows[0]).toMatchObject({ days: 0 });
    // The first request opens it, with the very slots the board showed.
    await book(doctorId);
    const opened = await counter.getDoctorDayBoard({ doctorId, date: TODAY });
    expect(opened.board?.doctorDayId).toBe(board?.doctorDayId);
    expect(opened.board?.slots.map((s) => s.slotId)).toEqual(board?.slots.map((s) => s.slotId));
    expect(opened.board?.sequence).toBe(2);
  });

  it('refuses to show a day past the booking horizon', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '10:00', 20, 3)]);
    await expectRefused(
      counter.getDoctorDayBoard({ doctorId, date: '9999-12-31' }),
      status.INVALID_ARGUMENT,
      'FIELD_VIOLATION',
      'date',
    );
    const stored = await h.app.env.writePool.query(
      'select count(*)::int as days from doctor_day where doctor_id = $1',
      [doctorId],
    );
    expect(stored.rows[0]).toEqual({ days: 0 });
  });

  it('places a request in the preferred slot the counter picked from the board', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '10:00', 20, 3)]);
    const { board } = await counter.getDoctorDayBoard({ doctorId, date: TODAY });
    const third = board?.slots[2]?.slotId ?? '';
    const res = await counter.requestToken({
      requestId: rid(),
      patientId: '',
      patientPhone: phone(),
      patientName: 'E',
      doctorId,
      date: TODAY,
      source: Source.SOURCE_ONLINE,
      preferredSlotId: third,
      notes: '',
    });
    expect(res.outcome?.$case === 'allocated' && res.outcome.value.slot?.slotId).toBe(third);
    await expectRefused(
      counter.requestToken({
        requestId: rid(),
        patientId: '',
        patientPhone: phone(),
        patientName: 'F',
        doctorId,
        date: TODAY,
        source: Source.SOURCE_ONLINE,
        preferredSlotId: '22222222-2222-4222-8222-222222222222',
        notes: '',
      }),
      status.NOT_FOUND,
      'SLOT_NOT_FOUND',
    );
  });

  it('lists the opened doctor-days with capacity, occupancy and waiting counts', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 1)]);
    await book(doctorId);
    await book(doctorId);
    const { doctorDays } = await counter.listDoctorDays({
      doctorId,
      startDate: TODAY,
      endDate: TODAY,
      pageSize: 10,
      pageToken: '',
    });
    expect(doctorDays.map((d) => [d.date, d.capacity, d.occupancy, d.waitingCount])).toEqual([
      [TODAY, 1, 1, 1],
    ]);
  });

  it('streams every committed change live, with the events that caused it', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 1)]);
    const first = await book(doctorId);
    const controller = new AbortController();
    const updates: WatchDoctorDayResponse[] = [];
    const watching = (async () => {
      for await (const update of counter.watchDoctorDay(
        { doctorId, date: TODAY, changesOnly: false },
        { signal: controller.signal },
      )) {
        updates.push(update);
        if (updates.length === 3) controller.abort();
      }
    })().catch(() => undefined);
    await until(() => updates.length >= 1);
    await book(doctorId);
    await until(() => updates.length >= 2);
    if (first.outcome?.$case !== 'allocated') throw new Error('expected a token');
    await counter.cancelToken({
      requestId: rid(),
      tokenId: first.outcome.value.token?.tokenId ?? '',
      reason: 'x',
    });
    await watching;
    expect(updates[0]?.events).toEqual([]);
    expect(updates[1]?.events.map((e) => e.payload?.$case)).toEqual(['waitlistEntryAdded']);
    expect(updates[2]?.events.map((e) => e.payload?.$case)).toEqual([
      'tokenCancelled',
      'waitlistEntryPromoted',
    ]);
    expect(updates.map((u) => u.board?.sequence)).toEqual([2, 3, 5]);
    expect(updates[2]?.board?.tokens.map((t) => t.tokenNumber)).toEqual([1, 2]);
  });
});

describe('a screen on another instance', () => {
  it("follows changes committed by the other instance (no NOTIFY: it reads the day's sequence)", async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '10:00', 30, 4)]);
    await book(doctorId);
    const other = await startAnotherInstance(h);
    const controller = new AbortController();
    const sequences: number[] = [];
    try {
      const watching = (async () => {
        for await (const update of other
          .client('counter')
          .watchDoctorDay(
            { doctorId, date: TODAY, changesOnly: false },
            { signal: controller.signal },
          )) {
          sequences.push(update.board?.sequence ?? 0);
          if (sequences.length === 2) controller.abort();
        }
      })().catch(() => undefined);
      await until(() => sequences.length >= 1);
      await book(doctorId); // through the first instance
      await watching;
      expect(sequences).toEqual([2, 3]);
    } finally {
      controller.abort();
      await other.stop();
    }
  });
});

describe('many screens watching one busy day', () => {
  it('reads and encodes the board once per change, however many watch it', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '12:00', 30, 10)]);
    await book(doctorId);
    const screens = 25;
    const controller = new AbortController();
    const received = Array.from({ length: screens }, () => [] as WatchDoctorDayResponse[]);
    const watching = received.map((updates) =>
      (async () => {
        for await (const update of counter.watchDoctorDay(
          { doctorId, date: TODAY, changesOnly: false },
          { signal: controller.signal },
        )) {
          updates.push(update);
        }
      })().catch(() => undefined),
    );
    await until(() => received.every((updates) => updates.length >= 1));
    const before = await boardsBuilt();
    for (let i = 0; i < 3; i++) {
      await book(doctorId);
      await until(() => received.every((updates) => updates.at(-1)?.board?.sequence === 3 + i));
    }
    const built = (await boardsBuilt()) - before;
    controller.abort();
    await Promise.all(watching);

    // Three changes: three boards built (one more if a notification raced the first read).
    expect(built).toBeGreaterThanOrEqual(3);
    expect(built).toBeLessThanOrEqual(4);
    for (const updates of received) {
      // Every screen saw every event once, in order, whatever it folded together.
      const events = updates.flatMap((u) => u.events.map((e) => e.sequence));
      expect(events).toEqual([3, 4, 5]);
      expect(updates.at(-1)?.board?.tokens).toHaveLength(4);
    }
  });
});

describe('a screen that asks for changes only', () => {
  it('gets the board once, then only what changed, and holds exactly the board a full watcher sees', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '12:00', 30, 4)]);
    const booked: Awaited<ReturnType<typeof book>>[] = [];
    for (let i = 0; i < 24; i++) booked.push(await book(doctorId)); // every place taken
    const controller = new AbortController();
    const full = new Map<number, DoctorDayBoard>();
    const held: DoctorDayBoard[] = [];
    const sizes = { boards: [] as number[], changes: [] as number[] };
    const follow = (changesOnly: boolean) =>
      (async () => {
        let board: DoctorDayBoard | undefined;
        for await (const update of counter.watchDoctorDay(
          { doctorId, date: TODAY, changesOnly },
          { signal: controller.signal },
        )) {
          const size = WatchDoctorDayResponse.encode({ ...update, events: [] }).finish().length;
          if (!changesOnly) {
            if (update.board) full.set(update.board.sequence, update.board);
            continue;
          }
          if (update.board) {
            board = update.board;
            sizes.boards.push(size);
          } else if (update.boardChange && board) {
            board = applyBoardChange(board, update.boardChange);
            sizes.changes.push(size);
          }
          if (!board) throw new Error('a change for a board this screen does not hold');
          held.push(board);
        }
      })().catch((error: unknown) => {
        if (!controller.signal.aborted) throw error;
      });
    const watching = [follow(true), follow(false)];
    await until(() => held.length >= 1 && full.size >= 1);
    const tokenOf = (i: number) => {
      const outcome = booked[i]?.outcome;
      return outcome?.$case === 'allocated' ? (outcome.value.token?.tokenId ?? '') : '';
    };
    // A waitlisted patient, check-ins, a call, a cancellation that promotes: rows come and go.
    await book(doctorId);
    h.clock.set(ist('08:45'));
    for (const i of [0, 1, 2])
      await counter.checkInToken({ requestId: rid(), tokenId: tokenOf(i) });
    await h.client('doctor').callNext({ requestId: rid(), doctorId, date: TODAY });
    await counter.cancelToken({ requestId: rid(), tokenId: tokenOf(5), reason: 'x' });
    const last = (await counter.getDoctorDayBoard({ doctorId, date: TODAY })).board?.sequence;
    await until(() => held.at(-1)?.sequence === last && full.has(last ?? -1));
    controller.abort();
    await Promise.all(watching);
    h.clock.set(ist('07:00'));

    expect(sizes.boards).toHaveLength(1);
    expect(sizes.changes.length).toBeGreaterThanOrEqual(3);
    for (const board of held) {
      const same = full.get(board.sequence);
      if (same) expect(board).toEqual(same);
    }
    expect(held.at(-1)).toEqual(full.get(last ?? -1));
    expect(held.filter((b) => full.has(b.sequence)).length).toBeGreaterThanOrEqual(3);
    // 25 tokens on the board; a change carries the few rows it touched.
    expect(Math.max(...sizes.changes)).toBeLessThan((sizes.boards[0] ?? 0) / 2);
  });
});

/** Boards the service read and encoded for watchers so far, from its own /metrics. */
async function boardsBuilt(): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${h.app.metricsPort}/metrics`)).text();
  return Number(/^opd_live_boards_built_total(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? NaN);
}

describe('discovery and access', () => {
  it('lists its services through server reflection, as grpcurl would', async () => {
    const services = await listServices(h.address);
    expect(services).toEqual(
      expect.arrayContaining(['opd.v1.AllocationService', 'grpc.health.v1.Health']),
    );
  });

  it('refuses calls without a key, with an unknown key, or from a role that may not', async () => {
    await expectRefused(
      h.client(undefined).getDoctorDayBoard({ doctorId: rid(), date: TODAY }),
      status.UNAUTHENTICATED,
      'API_KEY_MISSING',
    );
    await expectRefused(
      h.client('reporting').requestToken({
        requestId: rid(),
        patientId: '',
        patientPhone: phone(),
        patientName: 'x',
        doctorId: rid(),
        date: TODAY,
        source: Source.SOURCE_WALK_IN,
        preferredSlotId: '',
        notes: '',
      }),
      status.PERMISSION_DENIED,
      'ROLE_NOT_ALLOWED',
    );
  });

  it('keeps an audit trail of who did what to which token', async () => {
    const doctorId = await addDoctor(admin);
    const res = await book(doctorId);
    const tokenId =
      res.outcome?.$case === 'allocated' ? (res.outcome.value.token?.tokenId ?? '') : '';
    await counter.cancelToken({ requestId: rid(), tokenId, reason: 'x' });
    await expectRefused(
      counter.cancelToken({ requestId: rid(), tokenId, reason: 'again' }),
      status.FAILED_PRECONDITION,
    );
    const { auditEntries } = await admin.listAuditEntries({
      tokenId,
      doctorId: '',
      patientId: '',
      startDate: '',
      endDate: '',
      pageSize: 0,
      pageToken: '',
    });
    // Newest first.
    expect(auditEntries.map((a) => [a.action, a.actor?.keyName, a.outcome?.code])).toEqual([
      ['CancelToken', 'counter', status.FAILED_PRECONDITION],
      ['CancelToken', 'counter', 0],
      ['RequestToken', 'counter', 0],
    ]);
  });
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
