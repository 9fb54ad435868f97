// What a morning at an Indian OPD looks like, as numbers. Sources and rates follow the brief
// for issue 6; the behaviour probabilities are plausible defaults, not measurements.
import { Source } from '@opd/api';

/** Share of arrivals by source. */
export const SOURCE_MIX: readonly (readonly [Source, number])[] = [
  [Source.SOURCE_EMERGENCY, 0.03],
  [Source.SOURCE_PAID, 0.12],
  [Source.SOURCE_FOLLOW_UP, 0.2],
  [Source.SOURCE_WALK_IN, 0.4],
  [Source.SOURCE_ONLINE, 0.25],
];

/** Patients who are at the counter when they ask: they check in straight away. */
export const PRESENT_AT_REQUEST: ReadonlySet<Source> = new Set([
  Source.SOURCE_EMERGENCY,
  Source.SOURCE_WALK_IN,
]);

/** Bookings that name a preferred time half the time. */
export const PREFERS_A_SLOT = 0.5;

/** Chance that a token is cancelled later, by source. */
export const CANCEL_CHANCE: Readonly<Record<number, number>> = {
  [Source.SOURCE_EMERGENCY]: 0,
  [Source.SOURCE_PAID]: 0.04,
  [Source.SOURCE_FOLLOW_UP]: 0.06,
  [Source.SOURCE_WALK_IN]: 0.03,
  [Source.SOURCE_ONLINE]: 0.1,
};

/** Chance that a patient with a booking never turns up. */
export const NO_SHOW_CHANCE = 0.12;

/** Chance that a waiting patient gives up and leaves the waitlist. */
export const WITHDRAW_CHANCE = 0.15;

/** Delays in simulated minutes: [min, max). */
export const DELAYS = {
  cancel: [5, 60],
  checkInPresent: [1, 5],
  checkInBooked: [5, 45],
  noShowCheck: [20, 40],
  withdraw: [15, 60],
} as const satisfies Record<string, readonly [number, number]>;

/** Default arrivals per simulated minute for each doctor with a session (six an hour). */
export const ARRIVALS_PER_DOCTOR_MINUTE = 0.1;

/**
 * The doctor's room (DESIGN.md 3b): each doctor's pace, and how called patients answer. Minutes
 * are simulated minutes, [min, max).
 */
export const ROOM = {
  /** A doctor's usual consultation, drawn once per doctor: some rooms are quicker. */
  pace: [6, 14],
  /** One consultation lasts the doctor's pace times a factor from this range. */
  spread: [0.5, 1.6],
  /** Chance a called patient is not at the door: the room announces them again. */
  notThere: 0.12,
  /** Chance a recalled patient still does not come: the room skips them (they are called later). */
  stillNotThere: 0.5,
  /** From a call to its recall, and from the recall to the skip. */
  answerWait: [0.5, 2],
  /** Chance the doctor sends a called patient to another doctor (with two or more working). */
  transfer: 0.04,
  /** When nobody waits, the room looks again after this long. */
  idle: [1, 3],
  /** From one patient leaving to the next call. */
  turnaround: [0.2, 1],
} as const satisfies Record<string, readonly [number, number] | number>;
