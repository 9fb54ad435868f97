import { ApiError, type FieldViolation } from './api-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * Control characters never belong in a name, a note or a key: PostgreSQL cannot store NUL at
 * all, and the rest would reach boards and terminals as raw escapes. Tab and line breaks stay.
 */
const CONTROL = /[^\P{Cc}\t\n\r]/u;
/**
 * Bidirectional embeddings, overrides and isolates reorder how text is shown: a name holding one
 * reads differently on a board than it is stored ("Trojan Source"). No real name needs them.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/**
 * Characters that show nothing: format characters (zero-width space and joiners, BOM, soft
 * hyphen), separators, and the blank look-alike letters (Hangul fillers, braille blank).
 */
const INVISIBLE = /[\p{Cf}\p{Z}\p{Cc}\u034F\u115F\u1160\u2800\u3164\uFFA0]/gu;
/** Dates before this are no one's appointment, audit entry or birth (and year 1 has no instant). */
const EARLIEST_DATE = '1900-01-01';

/** Characters as people count them (code points, as PostgreSQL's length() does). */
const lengthOf = (text: string) => [...text].length;

/**
 * Collects every problem of a request before answering, so the caller learns about all bad
 * fields at once; each problem names its field as it is spelled in the proto.
 */
export class RequestCheck {
  private readonly violations: FieldViolation[] = [];

  add(field: string, description: string): void {
    this.violations.push({ field, description });
  }

  addAll(violations: readonly FieldViolation[]): void {
    this.violations.push(...violations);
  }

  /** A required UUID. */
  id(field: string, value: string): string {
    if (value === '') this.add(field, 'is required');
    else if (!UUID.test(value)) this.add(field, 'must be a UUID');
    return value.toLowerCase();
  }

  /** An optional UUID: empty means absent. */
  optionalId(field: string, value: string): string | undefined {
    if (value === '') return undefined;
    return this.id(field, value);
  }

  /**
   * The idempotency key every mutation carries (AIP-155): a UUID chosen by the caller
   * (docs/adr/0017-request-id-is-a-uuid.md).
   */
  requestId(value: string): string {
    if (value.trim() === '')
      this.add('request_id', 'is required: a unique key per request, reused only to retry it');
    else if (!UUID.test(value))
      this.add('request_id', 'must be a UUID, e.g. from crypto.randomUUID(), new for each request');
    return value;
  }

  /**
   * Required text, trimmed, 1 to `max` characters, with something visible in it.
   *
   * @example check.text('patient_name', '\u200B\u200B', 120) // "must contain visible characters"
   */
  text(field: string, value: string, max: number): string {
    const trimmed = value.trim();
    if (trimmed === '') this.add(field, 'is required');
    else if (trimmed.replace(INVISIBLE, '') === '')
      this.add(field, 'must contain visible characters, not only invisible ones');
    else this.checkText(field, trimmed, max);
    return trimmed;
  }

  /** Optional free text with a length bound. */
  optionalText(field: string, value: string, max: number): string {
    const trimmed = value.trim();
    this.checkText(field, trimmed, max);
    return trimmed;
  }

  private checkText(field: string, trimmed: string, max: number): void {
    if (lengthOf(trimmed) > max) this.add(field, `must be at most ${max} characters`);
    else if (CONTROL.test(trimmed)) this.add(field, 'must not contain control characters');
    else if (BIDI_CONTROL.test(trimmed))
      this.add(field, 'must not contain bidirectional override characters');
  }

  /** A required local date `YYYY-MM-DD` that exists on the calendar. */
  date(field: string, value: string): string {
    if (value === '') this.add(field, 'is required (YYYY-MM-DD)');
    else this.checkDate(field, value);
    return value;
  }

  /** An optional local date; empty means absent. */
  optionalDate(field: string, value: string): string {
    if (value !== '') this.checkDate(field, value);
    return value;
  }

  private checkDate(field: string, value: string): void {
    if (!isDate(value)) this.add(field, 'must be a calendar date as YYYY-MM-DD');
    else if (value < EARLIEST_DATE) this.add(field, `must be ${EARLIEST_DATE} or later`);
  }

  /** start ≤ end when both are given. */
  range(startField: string, start: string, endField: string, end: string): void {
    if (start && end && isDate(start) && isDate(end) && start > end) {
      this.add(endField, `must not be before ${startField}`);
    }
  }

  /** Throws INVALID_ARGUMENT naming every bad field, if there is any. */
  done(): void {
    if (this.violations.length > 0) throw ApiError.invalidArgument(this.violations);
  }
}

/** True for an ISO `YYYY-MM-DD` that exists on the (proleptic Gregorian) calendar. */
export function isDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // There is no year 0 in PostgreSQL's calendar (1 BC comes before AD 1).
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  const probe = new Date(0);
  probe.setUTCFullYear(year, month, 0);
  return day <= probe.getUTCDate();
}

/** Whole days from `start` to `end` (both valid `YYYY-MM-DD`); negative when end is earlier. */
export function daysBetweenDates(start: string, end: string): number {
  return Math.round((utcMidnight(end) - utcMidnight(start)) / 86_400_000);
}

function utcMidnight(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return instant.getTime();
}
