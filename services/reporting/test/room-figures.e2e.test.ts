// Two doctors' mornings with their rooms at work (DESIGN §3b), through JetStream, the consumer,
// PostgreSQL and gRPC: the figures the summaries must show are worked out by hand below.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { TokenMove, TokenStatus, type DailySummary, type TokenRecord } from '@opd/api';
import { createLogger } from '@opd/service-runtime';
import { rebuildReadModel } from '../src/consumer/rebuild.js';
import { dailyFigures, durationsOf, tallyTokens } from '../src/projections/daily-summary.js';
import { dailySummaryOf } from '../src/grpc/messages.js';
import { InMemoryReadModel } from '../src/testing/in-memory-read-model.js';
import { RoomDayScript } from '../src/testing/room-day-script.js';
import { eventsApplied } from '../src/testing/read-model-snapshot.js';
import { eventually, startHarness, type Harness, type ReportingClient } from './support/harness.js';

const DATE = '2027-04-05';
const { CALL, SKIP, COMPLETE, CHECK_IN, CANCEL, NO_SHOW } = {
  CALL: TokenMove.TOKEN_MOVE_CALL,
  SKIP: TokenMove.TOKEN_MOVE_SKIP,
  COMPLETE: TokenMove.TOKEN_MOVE_COMPLETE,
  CHECK_IN: TokenMove.TOKEN_MOVE_CHECK_IN,
  CANCEL: TokenMove.TOKEN_MOVE_CANCEL,
  NO_SHOW: TokenMove.TOKEN_MOVE_NO_SHOW,
};
const at = (hhmm: string) => new Date(`${DATE}T${hhmm}:00+05:30`);
const minutes = (m: number) => ({ seconds: m * 60, nanos: 0 });

const ent = new RoomDayScript({ date: DATE, displayName: 'Dr. Meera Rao', capacities: [6, 6] });
const eye = new RoomDayScript({ date: DATE, displayName: 'Dr. Kiran Shah', capacities: [4] });
ent.open();
eye.open();
type Nine = [string, string, string, string, string, string, string, string, string];
const [t1, t2, t3, t4, t5, t6, t7, t8, t9] = Array.from({ length: 9 }, () =>
  ent.allocate(),
) as Nine;
const [e1, e2] = [eye.allocate(), eye.allocate()];

// Dr. Rao's room.                                       waited (check-in → call)   seen
ent.at('09:00').checkIn(t1).at('09:02').checkIn(t2).at('09:03').checkIn(t3);
ent.at('09:05').checkIn(t4).at('09:06').checkIn(t5);
ent.at('09:10').call(t1).recall(t1).at('09:22').complete(t1); //  t1 10                       12
ent.at('09:23').call(t2).skip(t2); //                             (t2 missed this call)
ent.at('09:25').call(t3).recall(t3).recall(t3); //               t3 22
ent.at('09:33').complete(t3).undo(t3, COMPLETE); //               (not done after all)
ent.at('09:40').complete(t3); //                                                             15
ent.at('09:41').call(t4).undo(t4, CALL); //                       (a mistaken call)
ent.at('09:43').call(t2).skip(t2).undo(t2, SKIP); //              t2 41, by the call that stood
ent.at('09:50').complete(t2); //                                                              7
ent.at('09:51').call(t5); //                                      t5 45, then sent to the eye OPD
// Dr. Shah's room, before the patient arrives from Dr. Rao.
eye.at('09:30').checkIn(e1).at('09:40').call(e1).at('09:50').complete(e1); // e1 10          10
const moved = ent.at('09:52').transfer(t5, eye, { checkedIn: true });
ent.at('09:53').call(t4).at('10:02').complete(t4); //             t4 48                       9
ent.at('10:03').checkIn(t6).at('10:05').complete(t6); //          seen without a call: neither
ent.at('10:06').checkIn(t7).undo(t7, CHECK_IN); //                checked in by mistake
ent.at('10:08').cancel(t8).undo(t8, CANCEL).at('10:10').noShow(t9).undo(t9, NO_SHOW);
eye.at('09:55').checkIn(e2).at('10:00').call(moved).at('10:06').complete(moved); // 8          6
eye.at('10:10').call(e2); //                                      e2 15, still in the room

let h: Harness;
let reports: ReportingClient;
const events = [...ent.events, ...eye.events];

beforeAll(async () => {
  h = await startHarness();
  reports = h.client('reporting');
  // Every event goes out twice, the copy under a message id of its own (as a re-publish after
  // JetStream's duplicate window would), so copies meet their originals in batches too.
  for (const event of events) {
    await h.publisher.publish(event);
    await h.publisher.publish(event, { msgID: randomUUID() });
  }
  await h.applied(events.length);
  await settled();
});
afterAll(async () => {
  await h.stop();
});

const settled = () =>
  eventually(
    () => reports.getProjectionStatus({}),
    (s) => s.pendingEventCount === 0,
  );

const summaries = async (): Promise<DailySummary[]> =>
  (
    await reports.listDailySummaries({
      startDate: DATE,
      endDate: DATE,
      doctorId: '',
      pageSize: 0,
      pageToken: '',
    })
  ).dailySummaries;

const summaryOf = (list: readonly DailySummary[], day: RoomDayScript) => {
  const found = list.find((s) => s.doctorDayId === day.doctorDayId);
  if (!found) throw new Error(`no summary for ${day.doctorDayId}`);
  return found;
};

async function listed(statuses: TokenStatus[] = []): Promise<TokenRecord[]> {
  const records: TokenRecord[] = [];
  let pageToken = '';
  do {
    const page = await reports.listTokens({
      startDate: DATE,
      endDate: DATE,
      doctorId: '',
      statuses,
      sources: [],
      pageSize: 4,
      pageToken,
    });
    records.push(...page.tokenRecords);
    pageToken = page.nextPageToken;
  } while (pageToken !== '');
  return records;
}

async function exported(): Promise<TokenRecord[]> {
  const records: TokenRecord[] = [];
  const request = { startDate: DATE, endDate: DATE, doctorId: '', statuses: [], sources: [] };
  for await (const batch of reports.exportTokens(request)) records.push(...batch.tokenRecords);
  return records;
}

describe("the daily summaries of two doctors' rooms", () => {
  it("show the consultations, waits and counts worked out by hand for Dr. Rao's room", async () => {
    expect(summaryOf(await summaries(), ent)).toMatchObject({
      doctorDisplayName: 'Dr. Meera Rao',
      tokenCount: 9,
      // t1–t4 and t6 completed, t7–t9 allocated again after their undos; t5 left.
      occupancy: 8,
      // Seen 12, 15, 7, 9 → 7, 9, 12, 15: median (9 + 12) / 2 = 10.5, p90 rank ⌈3.6⌉ = 4 → 15.
      consultationMedian: { seconds: 630, nanos: 0 },
      consultationP90: minutes(15),
      // Waited 10, 22, 41, 45, 48: median 41, p90 rank ⌈4.5⌉ = 5 → 48.
      waitMedian: minutes(41),
      waitP90: minutes(48),
      // Check-in to completion over t1, t2, t3, t4, t6: 22 + 48 + 37 + 57 + 2 = 166, / 5.
      averageWait: { seconds: 1992, nanos: 0 },
      callCount: 7, // t1, t2, t3, t4, t2, t5, t4: the undone call counts, it was announced
      recallCount: 3,
      skipCount: 2, // both of t2's, the undone one included
      transferredOutCount: 1,
      transferredInCount: 0,
      undoCount: 6,
    });
  });

  it("show the patient sent over in Dr. Shah's figures", async () => {
    const summary = summaryOf(await summaries(), eye);
    expect(summary).toMatchObject({
      doctorDisplayName: 'Dr. Kiran Shah',
      tokenCount: 3,
      occupancy: 3, // e1 and the transferred patient seen, e2 CALLED
      // Seen 10 and 6: median 8, p90 rank ⌈1.8⌉ = 2 → 10.
      consultationMedian: minutes(8),
      consultationP90: minutes(10),
      // Waited 10, 8 (from the transfer, when they arrived checked in) and 15: median 10, p90 15.
      waitMedian: minutes(10),
      waitP90: minutes(15),
      callCount: 3,
      recallCount: 0,
      skipCount: 0,
      transferredOutCount: 0,
      transferredInCount: 1,
      undoCount: 0,
    });
    const byStatus = new Map(summary.tokensByStatus.map((s) => [s.status, s.count]));
    expect(byStatus.get(TokenStatus.TOKEN_STATUS_CALLED)).toBe(1);
    expect(byStatus.get(TokenStatus.TOKEN_STATUS_COMPLETED)).toBe(2);
    expect(summary.tokensByStatus).toHaveLength(8);
  });

  it('agree with the reference read model field for field', async () => {
    const model = InMemoryReadModel.deliver(events);
    const tokens = [...model.tokens.values()];
    const expected = [ent, eye].map((day) => {
      const row = model.days.get(day.doctorDayId);
      if (!row) throw new Error('the day did not open');
      const own = tokens.filter((t) => t.doctorDayId === day.doctorDayId);
      return dailySummaryOf(row, dailyFigures(row, tallyTokens(own), durationsOf(own)));
    });
    const list = await summaries();
    expect([summaryOf(list, ent), summaryOf(list, eye)]).toEqual(expected);
  });

  it('count every event once though each was delivered twice', async () => {
    expect(await eventsApplied(h.app().orm)).toBe(events.length);
  });
});

describe("the room's fields on listed and exported tokens", () => {
  it('show calls, recalls, skips and both ends of the transfer', async () => {
    const records = new Map((await listed()).map((t) => [t.tokenId, t]));
    expect(records.size).toBe(12);
    expect(records.get(t5)).toMatchObject({
      status: TokenStatus.TOKEN_STATUS_TRANSFERRED,
      callTime: at('09:51'),
      transferTime: at('09:52'),
      transferredToTokenId: moved,
      transferredFromTokenId: '',
    });
    expect(records.get(moved)).toMatchObject({
      doctorDayId: eye.doctorDayId,
      doctorDisplayName: 'Dr. Kiran Shah',
      status: TokenStatus.TOKEN_STATUS_COMPLETED,
      patientId: records.get(t5)?.patientId,
      checkInTime: at('09:52'),
      callTime: at('10:00'),
      transferredFromTokenId: t5,
      transferredToTokenId: '',
    });
    expect(records.get(t2)).toMatchObject({ skipCount: 1, recallCount: 0, callTime: at('09:43') });
    expect(records.get(t3)).toMatchObject({ recallCount: 2, completeTime: at('09:40') });
    expect(records.get(t4)).toMatchObject({ callTime: at('09:53'), skipCount: 0 });
    expect(records.get(t6)).toMatchObject({ callTime: undefined, completeTime: at('10:05') });
    expect(records.get(t7)).toMatchObject({
      status: TokenStatus.TOKEN_STATUS_ALLOCATED,
      checkInTime: undefined,
    });
    expect(records.get(t8)).toMatchObject({ cancelTime: undefined });
    expect(records.get(t9)).toMatchObject({ noShowTime: undefined });
    expect(records.get(e2)).toMatchObject({
      status: TokenStatus.TOKEN_STATUS_CALLED,
      callTime: at('10:10'),
    });
  });

  it('filter by CALLED and TRANSFERRED', async () => {
    const records = await listed([
      TokenStatus.TOKEN_STATUS_CALLED,
      TokenStatus.TOKEN_STATUS_TRANSFERRED,
    ]);
    expect(records.map((t) => t.tokenId).sort()).toEqual([t5, e2].sort());
  });

  it('are exported exactly as they are listed', async () => {
    const all = await exported();
    expect(all).toEqual(await listed());
    expect(all.find((t) => t.tokenId === moved)).toMatchObject({ transferredFromTokenId: t5 });
  });
});

describe('rebuilding the read model from the stream', () => {
  it('gives the same summaries and tokens, copies and all', async () => {
    const [before, tokensBefore] = [await summaries(), await listed()];

    await rebuildReadModel({
      config: h.config,
      log: createLogger({ name: 'rebuild-test', level: 'silent' }),
      timeoutMs: 20_000,
    });
    await settled();

    expect(await summaries()).toEqual(before);
    expect(await listed()).toEqual(tokensBefore);
    expect(await eventsApplied(h.app().orm)).toBe(events.length);
  });
});
