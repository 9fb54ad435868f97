// Live boards on a busy day: a doctor-day of 660 rows (260 tokens, 400 waiting), its board built
// for GetDoctorDayBoard, and RequestToken's latency on other doctor-days while 0, 50 and 500
// WatchDoctorDay streams follow the busy day — complete boards, or changes only — and a counter
// checks its patients in (each check-in a change every watcher must receive).
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { AllocationServiceService, promiseClient, WEEKDAYS } from '@opd/api';
import { noonZone } from '@opd/service-runtime/testing';
import { clients, createDoctors, openDays, runLoad, tokenRequest } from './allocation-load.js';
import { KEYS, startBenchAllocation } from './bench-service.js';
import { createDatabase } from './databases.js';
import { fixed, quantile } from './stats.js';

/** How many screens follow the busy day, and whether they ask for changes only. */
export interface Watching {
  readonly watchers: number;
  readonly changesOnly: boolean;
}

export interface BoardRow extends Watching {
  readonly boardMsP50: number;
  readonly boardMsP99: number;
  readonly requestsPerSecond: number;
  readonly requestP50Ms: number;
  readonly requestP99Ms: number;
  readonly changes: number;
  /** Messages (boards or changes) the watchers received after the first, over all of them. */
  readonly delivered: number;
  readonly peakRssMiB: number;
}

export async function benchBoards(
  levels: readonly Watching[],
  seconds: number,
): Promise<BoardRow[]> {
  const db = await createDatabase('opd_bench_boards');
  // Today, where it is late morning: the busy day's patients can be checked in as it changes.
  const zone = noonZone();
  const service = await startBenchAllocation(db, {
    // A waitlist up to eight times the day's capacity (the day is half over when it fills), and
    // room for 500 screens on one key.
    OPD_WAITLIST_SHARE: '8',
    OPD_TIME_ZONE: zone,
    OPD_MAX_STREAMS_PER_KEY: '1000',
    OPD_MAX_STREAMS_PER_CONNECTION: '1000',
  });
  const address = `127.0.0.1:${service.port}`;
  const { admin, counter } = clients(address, KEYS);
  const screens = promiseClient(AllocationServiceService, address, {
    apiKey: KEYS.counter,
    defaultTimeoutMs: 600_000,
  });
  try {
    const date = DateTime.now().setZone(zone).toISODate() ?? '';
    const { doctor } = await admin.createDoctor({
      room: '',
      requestId: randomUUID(),
      displayName: 'Dr. Busy',
      department: 'Boards',
      weeklySchedule: {
        days: WEEKDAYS.map((weekday) => ({
          weekday,
          sessions: [
            { startTime: '07:00', endTime: '20:00', slotMinutes: 30, capacityPerSlot: 10 },
          ],
        })),
      },
    });
    const busy = { doctorId: doctor?.doctorId ?? '', date };
    const tokens: string[] = [];
    for (let i = 0; i < 660; i += 20) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => counter.requestToken(tokenRequest(busy))),
      );
      for (const a of answers) {
        if (a.outcome?.$case === 'allocated' && a.outcome.value.token) {
          tokens.push(a.outcome.value.token.tokenId);
        }
      }
    }
    const others = (await createDoctors(admin, 20, 20)).map((doctorId) => ({ doctorId, date }));
    await openDays(counter, others);

    const rows: BoardRow[] = [];
    for (const { watchers, changesOnly } of levels) {
      const boardMs: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        await counter.getDoctorDayBoard(busy);
        boardMs.push(performance.now() - t0);
      }
      const controller = new AbortController();
      let delivered = 0;
      const following = Array.from({ length: watchers }, () =>
        (async () => {
          const stream = screens.watchDoctorDay(
            { ...busy, changesOnly },
            { signal: controller.signal },
          );
          for await (const update of stream) if (update.board || update.boardChange) delivered++;
        })().catch(() => undefined),
      );
      const subscribed = Date.now();
      while (delivered < watchers) {
        if (Date.now() - subscribed > 60_000)
          throw new Error(`only ${delivered} of ${watchers} screens got a board`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // The busy day keeps changing: a counter checks a patient in every 100 ms.
      let changes = 0;
      let checking = true;
      const checkIns = (async () => {
        while (checking) {
          const tokenId = tokens.shift();
          if (!tokenId) break;
          await counter.checkInToken({ requestId: randomUUID(), tokenId }).then(
            () => changes++,
            () => undefined,
          );
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const load = await runLoad(counter, others, 8, seconds);
      checking = false;
      await checkIns;
      controller.abort();
      await Promise.all(following);
      const sorted = boardMs.sort((a, b) => a - b);
      rows.push({
        watchers,
        changesOnly,
        boardMsP50: quantile(sorted, 0.5),
        boardMsP99: quantile(sorted, 0.99),
        requestsPerSecond: load.perSecond,
        requestP50Ms: load.p50Ms,
        requestP99Ms: load.p99Ms,
        changes,
        delivered: delivered - watchers,
        peakRssMiB: service.peakRss() / 2 ** 20,
      });
    }
    return rows;
  } finally {
    admin.close();
    counter.close();
    screens.close();
    await service.stop();
    await db.drop();
  }
}

export function boardTable(rows: readonly BoardRow[]) {
  return rows.map((r) => ({
    watchers: r.watchers,
    sent: r.watchers === 0 ? '—' : r.changesOnly ? 'changes only' : 'complete boards',
    'GetDoctorDayBoard p50 / p99 ms (660 rows)': `${fixed(r.boardMsP50)} / ${fixed(r.boardMsP99)}`,
    'RequestToken /s (8 clients, other days)': Math.round(r.requestsPerSecond),
    'RequestToken p50 / p99 ms': `${fixed(r.requestP50Ms)} / ${fixed(r.requestP99Ms)}`,
    'changes on the busy day': r.changes,
    'messages delivered': r.delivered,
    'service peak RSS MiB': Math.round(r.peakRssMiB),
  }));
}
