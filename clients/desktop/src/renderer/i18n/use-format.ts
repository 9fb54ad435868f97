// Dates and times as the counter's language writes them, always day first ("Fri, 4 Dec 2026"),
// in the hospital's time zone (not the computer's).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../settings.js';
import { localeOf } from './counter-i18n.js';

export interface Format {
  /** "Fri, 4 Dec 2026" for a local "YYYY-MM-DD". */
  day(date: string): string;
  /** "Friday, 4 December 2026". */
  longDay(date: string): string;
  /** "4 Dec", for charts and tables. */
  shortDay(date: string): string;
  /** "09:45" in the hospital's zone, for an ISO instant. */
  time(iso: string): string;
}

const atNoonUtc = (date: string) => new Date(`${date}T12:00:00Z`);

export function useFormat(): Format {
  const { i18n } = useTranslation();
  const { timeZone } = useSettings();
  const locale = localeOf(i18n.language);
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    });
    const longDay = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    const shortDay = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'short',
    });
    const time = new Intl.DateTimeFormat(locale, {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    return {
      day: (date) => day.format(atNoonUtc(date)),
      longDay: (date) => longDay.format(atNoonUtc(date)),
      shortDay: (date) => shortDay.format(atNoonUtc(date)),
      time: (iso) => time.format(new Date(iso)),
    };
  }, [locale, timeZone]);
}
