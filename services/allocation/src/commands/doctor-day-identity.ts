import { v5 as uuidV5 } from 'uuid';

// A doctor-day's id and its first slots' ids follow from what they are, so a day can be shown
// (and a slot picked on its board) before anything opened it, and opening it later gives the
// very same ids. Days opened before this rule keep the random ids they were given.
const NAMESPACE = '5d1c8c0e-8f3e-4b53-9d7a-3f1e2b6a9c40';

/** The id a doctor-day gets when it is opened. */
export const doctorDayIdOf = (doctorId: string, date: string): string =>
  uuidV5(`doctor-day/${doctorId}/${date}`, NAMESPACE);

/** The id a slot gets when its doctor-day is opened. */
export const slotIdOf = (doctorDayId: string, startsAt: number, endsAt: number): string =>
  uuidV5(`slot/${doctorDayId}/${startsAt}/${endsAt}`, NAMESPACE);

/** The in-process key of a doctor-day: requests for it are decided together. */
export const dayKeyOf = (day: { readonly doctorId: string; readonly date: string }): string =>
  `${day.doctorId}/${day.date}`;
