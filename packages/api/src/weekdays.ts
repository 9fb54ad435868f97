import { Weekday } from './gen/opd/v1/common.js';

/** Monday to Sunday, in the order a week is written (ISO 8601), without the zero value. */
export const WEEKDAYS: readonly Weekday[] = [
  Weekday.WEEKDAY_MONDAY,
  Weekday.WEEKDAY_TUESDAY,
  Weekday.WEEKDAY_WEDNESDAY,
  Weekday.WEEKDAY_THURSDAY,
  Weekday.WEEKDAY_FRIDAY,
  Weekday.WEEKDAY_SATURDAY,
  Weekday.WEEKDAY_SUNDAY,
];
