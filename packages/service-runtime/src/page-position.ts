import { isDate } from './request-check.js';

/**
 * One value of a keyset page position, by what the query does with it: a local date, a UUID,
 * text compared as text, an instant in epoch milliseconds, or a row counter.
 */
export type PositionPart = 'date' | 'uuid' | 'text' | 'instant' | 'count';

/** What a list method's page position holds, in order, e.g. ['date', 'uuid']. */
export type PositionShape = readonly PositionPart[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** NUL and other control characters PostgreSQL refuses or that no stored value holds. */
const CONTROL = /\p{Cc}/u;
/** The instants PostgreSQL's timestamptz and JavaScript's Date share: years 1 to 9999. */
const EARLIEST_INSTANT = new Date(0).setUTCFullYear(1, 0, 1);
const LATEST_INSTANT = new Date(0).setUTCFullYear(9999, 11, 31) + 86_399_999;

function fits(part: PositionPart, value: string | number): boolean {
  switch (part) {
    case 'date':
      return typeof value === 'string' && isDate(value);
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'text':
      return typeof value === 'string' && value.length <= 1_000 && !CONTROL.test(value);
    case 'instant':
      return (
        Number.isSafeInteger(value) &&
        (value as number) >= EARLIEST_INSTANT &&
        (value as number) <= LATEST_INSTANT
      );
    case 'count':
      return Number.isSafeInteger(value) && (value as number) >= 0;
  }
}

/**
 * Whether a page position read from a signed token has the shape its list issues. The
 * signature proves who made a token, not what it holds: whoever knows the secret (a leaked or
 * default one) can sign anything, and a malformed value must be refused, not reach the database.
 */
export function hasShape(position: readonly (string | number)[], shape: PositionShape): boolean {
  return (
    position.length === shape.length && shape.every((part, i) => fits(part, position[i] ?? ''))
  );
}
