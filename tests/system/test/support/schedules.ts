// Generators of consultation sessions: valid ones, and ones broken in exactly one way, each with
// the field (relative to the session list) that a hospital's admin should be told about.
import type { Session } from '@opd/api';
import fc from 'fast-check';

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const LAST_MINUTE = 23 * 60 + 59;

/** A session that fits in one day: a whole number of slots of 5–120 minutes, capacity 1–500. */
export const validSession: fc.Arbitrary<Session> = fc
  .record({
    slotMinutes: fc.constantFrom(5, 10, 15, 20, 30, 45, 60, 120),
    slots: fc.integer({ min: 1, max: 8 }),
    capacityPerSlot: fc.integer({ min: 1, max: 500 }),
  })
  .chain(({ slotMinutes, slots, capacityPerSlot }) =>
    fc.integer({ min: 0, max: LAST_MINUTE - slotMinutes * slots }).map((start) => ({
      startTime: hhmm(start),
      endTime: hhmm(start + slotMinutes * slots),
      slotMinutes,
      capacityPerSlot,
    })),
  );

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

/** Times that are not HH:MM on a 24-hour clock. */
const notATime = fc.oneof(
  fc.constantFrom('', '9:00', '24:00', '12:60', '1200', '09:00:00', '9am', '-1:00', '０９:００'),
  fc.string({ maxLength: 8 }).filter((s) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(s)),
);

/** One broken session and the field that names what is wrong with it. */
export interface BrokenSession {
  readonly session: Session;
  /** e.g. 'end_time', relative to the session. */
  readonly field: string;
  readonly what: string;
}

/** A valid session broken in exactly one way. */
export const brokenSession: fc.Arbitrary<BrokenSession> = fc.oneof(
  fc.tuple(validSession, fc.nat(600)).map(([s, back]) => ({
    session: { ...s, endTime: hhmm(Math.max(0, minutesOf(s.startTime) - back)) },
    field: 'end_time',
    what: 'ends before it starts',
  })),
  fc
    .tuple(validSession, fc.integer({ min: 1, max: 480 }))
    .filter(([s, extra]) => minutesOf(s.endTime) - minutesOf(s.startTime) + extra <= 480)
    .map(([s, extra]) => ({
      session: {
        ...s,
        slotMinutes: minutesOf(s.endTime) - minutesOf(s.startTime) + extra,
      },
      field: 'slot_minutes',
      what: 'has a slot longer than the session',
    })),
  fc
    .tuple(validSession, fc.oneof(fc.integer({ min: -1000, max: 4 }), fc.integer({ min: 481 })))
    .map(([s, slotMinutes]) => ({
      session: { ...s, slotMinutes },
      field: 'slot_minutes',
      what: 'has slots under 5 or over 480 minutes',
    })),
  fc
    .tuple(
      validSession,
      fc.oneof(fc.integer({ min: -(2 ** 31), max: 0 }), fc.integer({ min: 501 })),
    )
    .map(([s, capacityPerSlot]) => ({
      session: { ...s, capacityPerSlot },
      field: 'capacity_per_slot',
      what: 'seats no one, or more than 500',
    })),
  fc
    .tuple(validSession, fc.integer({ min: 1, max: 4 }))
    .filter(([s]) => s.slotMinutes >= 10 && minutesOf(s.endTime) + 4 <= LAST_MINUTE)
    .map(([s, extra]) => ({
      session: { ...s, endTime: hhmm(minutesOf(s.endTime) + extra) },
      field: 'end_time',
      what: 'does not divide into whole slots',
    })),
  fc.tuple(validSession, notATime).map(([s, startTime]) => ({
    session: { ...s, startTime },
    field: 'start_time',
    what: 'starts at no time of day',
  })),
);

/** Two sessions of one day where the later-starting one begins inside the other. */
export const overlappingSessions: fc.Arbitrary<{ sessions: Session[]; later: number }> = fc
  .tuple(validSession, fc.boolean())
  .filter(
    ([s]) =>
      minutesOf(s.endTime) - minutesOf(s.startTime) >= 10 &&
      minutesOf(s.endTime) + 5 <= LAST_MINUTE,
  )
  .chain(([first, laterFirst]) =>
    fc
      .integer({ min: minutesOf(first.startTime) + 1, max: minutesOf(first.endTime) - 1 })
      .map((start) => {
        const second: Session = {
          startTime: hhmm(start),
          endTime: hhmm(start + 5),
          slotMinutes: 5,
          capacityPerSlot: 1,
        };
        return laterFirst
          ? { sessions: [second, first], later: 0 }
          : { sessions: [first, second], later: 1 };
      }),
  );
