import { DateTime } from 'luxon';
import { ApiError, type FieldViolation } from '@opd/service-runtime';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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

  /** The idempotency key every mutation carries (AIP-155). */
  requestId(value: string): string {
    if (value.trim() === '')
      this.add('request_id', 'is required: a unique key per request, reused only to retry it');
    else if (value.length > 128) this.add('request_id', 'must be at most 128 characters');
    return value;
  }

  /** Required text, trimmed, with length bounds. */
  text(field: string, value: string, max: number): string {
    const trimmed = value.trim();
    if (trimmed === '') this.add(field, 'is required');
    else if (trimmed.length > max) this.add(field, `must be at most ${max} characters`);
    return trimmed;
  }

  /** Optional free text with a length bound. */
  optionalText(field: string, value: string, max: number): string {
    const trimmed = value.trim();
    if (trimmed.length > max) this.add(field, `must be at most ${max} characters`);
    return trimmed;
  }

  /** A required local date `YYYY-MM-DD` that exists on the calendar. */
  date(field: string, value: string): string {
    if (value === '') this.add(field, 'is required (YYYY-MM-DD)');
    else if (!isDate(value)) this.add(field, 'must be a calendar date as YYYY-MM-DD');
    return value;
  }

  /** An optional local date; empty means absent. */
  optionalDate(field: string, value: string): string {
    if (value !== '' && !isDate(value)) this.add(field, 'must be a calendar date as YYYY-MM-DD');
    return value;
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

export function isDate(value: string): boolean {
  return ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}
