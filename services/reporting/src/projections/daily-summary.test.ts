import { describe, expect, it } from '@jest/globals';
import { Source, TokenMove } from '@opd/api';
import { DoctorDayScript } from '../testing/doctor-day-script.js';
import { InMemoryReadModel } from '../testing/in-memory-read-model.js';
import { RoomDayScript } from '../testing/room-day-script.js';
import { dailyFigures, durationsOf, tallyTokens } from './daily-summary.js';

function figuresOf(day: DoctorDayScript) {
  const model = InMemoryReadModel.deliver(day.events);
  const row = model.days.get(day.doctorDayId);
  if (!row) throw new Error('the day did not open');
  const tokens = [...model.tokens.values()];
  return dailyFigures(row, tallyTokens(tokens), durationsOf(tokens));
}

describe("a doctor's daily summary", () => {
  it('counts tokens by source and status, zeros included, in the order of the contract', () => {
    const day = new DoctorDayScript({ capacities: [4, 4] }).open();
    const a = day.allocate({ source: Source.SOURCE_WALK_IN });
    day.allocate({ source: Source.SOURCE_WALK_IN });
    day.allocate({ source: Source.SOURCE_PAID });
    day.cancel(a);
    const figures = figuresOf(day);

    expect(figures.tokenCount).toBe(3);
    expect(figures.bySource).toEqual([
      { source: 'EMERGENCY', count: 0 },
      { source: 'PAID', count: 1 },
      { source: 'FOLLOW_UP', count: 0 },
      { source: 'WALK_IN', count: 2 },
      { source: 'ONLINE', count: 0 },
    ]);
    expect(figures.byStatus.map((s) => s.count)).toEqual([2, 0, 0, 1, 0, 0, 0, 0]);
  });

  it('measures utilisation as places held over places offered', () => {
    const day = new DoctorDayScript({ capacities: [2, 2, 2, 2] }).open();
    const tokens = [day.allocate(), day.allocate(), day.allocate({ slot: 1 })];
    day.checkIn(tokens[0] as string).complete(tokens[0] as string);
    day.noShow(tokens[2] as string);

    expect(figuresOf(day)).toMatchObject({ capacity: 8, occupancy: 2, utilisation: 0.25 });
  });

  it('rates no-shows among the patients who were still expected', () => {
    const day = new DoctorDayScript({ capacities: [4, 4] }).open();
    const [a, b, c, d] = [day.allocate(), day.allocate(), day.allocate(), day.allocate()];
    day.noShow(a as string).cancel(b as string);
    day.preempt(c as string);
    void d;
    // 5 tokens (4 + the emergency), 1 cancelled, 1 preempted: 1 no-show among 3.
    expect(figuresOf(day)).toMatchObject({ noShowCount: 1, noShowRate: 1 / 3, preemptionCount: 1 });
  });

  it('averages the wait from check-in to the end of the consultation over completed patients', () => {
    const day = new DoctorDayScript().open();
    const [a, b, c] = [day.allocate(), day.allocate(), day.allocate()];
    day.checkIn(a as string).checkIn(b as string); // minutes 4 and 5
    day.complete(a as string).complete(b as string); // minutes 6 and 7
    day.checkIn(c as string); // checked in, never completed: not averaged

    expect(figuresOf(day).averageWaitMs).toBe(2 * 60_000);
  });

  it('leaves the average wait unset on a day nobody was seen', () => {
    const day = new DoctorDayScript().open();
    day.allocate();

    expect(figuresOf(day).averageWaitMs).toBeUndefined();
    expect(figuresOf(new DoctorDayScript({ capacities: [] }).open())).toMatchObject({
      utilisation: 0,
      noShowRate: 0,
    });
  });

  it('counts promotions and the waitlist from the day itself', () => {
    const day = new DoctorDayScript().open();
    day.promote(day.waitlist());
    day.expire(day.waitlist());

    expect(figuresOf(day)).toMatchObject({
      promotionCount: 1,
      waitlistAddedCount: 2,
      waitlistExpiredCount: 1,
    });
  });
});

describe("a doctor's daily summary of the room", () => {
  it('gives the median and 90th percentile of consultations and waits, and counts what the room did', () => {
    const day = new RoomDayScript({ capacities: [6] }).open();
    const [a, b, c, d, e] = Array.from({ length: 5 }, () => day.allocate()) as [
      string,
      string,
      string,
      string,
      string,
    ];
    day.at('09:00').checkIn(a).checkIn(b).checkIn(c).checkIn(d).checkIn(e); // 09:00 … 09:04
    day.at('09:10').call(a).at('09:22').complete(a); // waited 10, seen 12
    day.at('09:23').call(b).skip(b); // waited 22 to a missed call
    day.at('09:25').call(c).recall(c).at('09:40').complete(c); // waited 23, seen 15
    day.at('09:41').call(b).at('09:48').complete(b); // waited 40 by the call that stood, seen 7
    day.at('09:50').call(d).undo(d, TokenMove.TOKEN_MOVE_CALL); // the call no longer stands
    day.at('09:52').complete(e); // seen without a call: no consultation, no wait
    day.at('09:53').call(d).at('10:02').complete(d); // waited 50, seen 9

    // Consultations 7, 9, 12, 15: median (9 + 12) / 2 = 10.5, p90 rank ⌈3.6⌉ = 4 → 15.
    // Waits 10, 23, 40, 50: median (23 + 40) / 2 = 31.5, p90 rank 4 → 50.
    expect(figuresOf(day)).toMatchObject({
      consultationMedianMs: 10.5 * 60_000,
      consultationP90Ms: 15 * 60_000,
      waitMedianMs: 31.5 * 60_000,
      waitP90Ms: 50 * 60_000,
      callCount: 6,
      recallCount: 1,
      skipCount: 1,
      undoCount: 1,
      transferredOutCount: 0,
      transferredInCount: 0,
    });
  });

  it('leaves the medians unset on a day the room called nobody', () => {
    const day = new RoomDayScript().open();
    const id = day.allocate();
    day.checkIn(id).complete(id);
    expect(figuresOf(day)).toMatchObject({
      consultationMedianMs: undefined,
      consultationP90Ms: undefined,
      waitMedianMs: undefined,
      waitP90Ms: undefined,
    });
  });
});
