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
  consultation: [5, 15],
  noShowCheck: [20, 40],
  withdraw: [15, 60],
} as const satisfies Record<string, readonly [number, number]>;

/** Default arrivals per simulated minute for each doctor with a session (six an hour). */
export const ARRIVALS_PER_DOCTOR_MINUTE = 0.1;
