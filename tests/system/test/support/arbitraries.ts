// fast-check generators of bad input, each paired with an oracle written independently of the
// services' own validation, so a property tests the service rather than restating it.
import fc from 'fast-check';
import { addDays } from './hospital.js';
import { TODAY } from './stack.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs per property: enough to find a counterexample, few enough for a 60-second suite. */
export const RUNS = { numRuns: 50 } as const;

/** One bad value for one field of a request: the field to expect named, and the request part. */
export interface BadField<Request> {
  readonly field: string;
  readonly spoil: Partial<Request>;
}

/** Bad values for `field`, each as the part of the request it spoils. */
export const badField = <Request, Value>(
  field: string,
  values: fc.Arbitrary<Value>,
  spoil: (value: Value) => Partial<Request>,
): fc.Arbitrary<BadField<Request>> => values.map((value) => ({ field, spoil: spoil(value) }));

/** Anything that is not a UUID and not empty (empty means "absent" for optional ids). */
export const notAUuid: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 60 }).filter((s) => s !== '' && !UUID.test(s)),
  fc.uuid().map((u) => u.slice(0, -1)),
  fc.uuid().map((u) => u.replaceAll('-', '')),
  fc.uuid().map((u) => ` ${u}`),
  fc.uuid().map((u) => `${u}0`),
  fc.uuid().map((u) => `{${u}}`),
  fc.constantFrom('not-a-uuid', 'null', 'undefined', '0', "'; drop table token; --"),
);

/** A required id that is missing or malformed. */
export const badRequiredId: fc.Arbitrary<string> = fc.oneof(fc.constantFrom('', ' '), notAUuid);

/**
 * Strings that cannot be read as a phone number in India (the default country): too few or too
 * many digits, an impossible country code, or no digits at all. Letters are left out because
 * phone keypads turn them into digits ("vanity" numbers).
 */
export const notAPhone: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[0-9]{1,5}$/),
  fc.stringMatching(/^[6-9][0-9]{8}$/),
  fc.stringMatching(/^[6-9][0-9]{10}$/),
  fc.stringMatching(/^[0-9]{17,24}$/),
  fc.stringMatching(/^\+0[0-9]{6,12}$/),
  fc.stringMatching(/^[ .()+*#/-]{0,12}[.()+*#/-][ .()+*#/-]{0,12}$/),
  fc.constantFrom('0000000000', 'phone', '+91', '98450-1234'),
);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for `YYYY-MM-DD` naming a real day from AD 1 on: the oracle for dates. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const last = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return year >= 1 && day >= 1 && day <= last;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Strings that are not a calendar date as YYYY-MM-DD (never empty: empty means "absent"). */
export const notADate: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }).filter((s) => s !== '' && !isCalendarDate(s)),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.nat(99))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)
    .filter((s) => !isCalendarDate(s)),
  fc.constantFrom(
    '2026-02-29',
    '2026-11-31',
    '0000-01-01',
    '2026-11-27 ',
    ' 2026-11-27',
    '2026-11-27T09:00',
    '27-11-2026',
    '2026/11/27',
    '20261127',
    '２０２６-１１-２７',
    'today',
  ),
);

/** Calendar dates the counter may not book: before today, or past the 90-day horizon. */
export const unbookableDate: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 3650 }).map((days) => addDays(TODAY, -days)),
  fc.integer({ min: 91, max: 3650 }).map((days) => addDays(TODAY, days)),
);

/** Enum numbers that name nothing in an enum whose values run 1..`last` (0 is UNSPECIFIED). */
export const notAnEnumValue = (last: number): fc.Arbitrary<number> =>
  fc.oneof(
    fc.constantFrom(0, last + 1, 99, -1),
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).filter((n) => n < 1 || n > last),
  );

/** Text whose trimmed length is more than `max` characters. */
export const tooLong = (max: number): fc.Arbitrary<string> =>
  fc
    .integer({ min: max + 1, max: max * 4 })
    .chain((length) =>
      fc.string({
        minLength: length - 2,
        maxLength: length - 2,
        unit: fc.constantFrom(...'abcdefghij klmnop', 'ऋ', 'é', 'ß'),
      }),
    )
    .map((middle) => `x${middle}x`);

const CONTROLS = [
  ...Array.from({ length: 9 }, (_, i) => i),
  0x0b,
  0x0c,
  ...Array.from({ length: 18 }, (_, i) => 0x0e + i),
  0x7f,
].map((code) => String.fromCharCode(code));

/** Text with a control character inside it (tabs and line breaks are allowed, so never those). */
export const withControlCharacter: fc.Arbitrary<string> = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z ]{0,10}$/),
    fc.constantFrom(...CONTROLS),
    fc.stringMatching(/^[A-Za-z ]{0,10}$/),
  )
  .map(([before, control, after]) => `A${before}${control}${after}Z`);

/** A negative page size. */
export const negativePageSize: fc.Arbitrary<number> = fc.integer({ min: -(2 ** 31), max: -1 });

/** A page size above every list's maximum: lowered to the maximum, not refused (AIP-158). */
export const hugePageSize: fc.Arbitrary<number> = fc.integer({ min: 1_001, max: 2 ** 31 - 1 });

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A page token with one character changed to another (a tampered or mistyped token). */
export const tampered = (token: string): fc.Arbitrary<string> =>
  fc
    .tuple(fc.nat(token.length - 1), fc.constantFrom(...BASE64URL, '.'))
    .filter(([at, c]) => token[at] !== c)
    .map(([at, c]) => `${token.slice(0, at)}${c}${token.slice(at + 1)}`);

/** Anything that is not one of the given page tokens (and not empty: empty is the first page). */
export const notAPageToken = (...issued: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength: 300 }).filter((s) => s !== '' && !issued.includes(s)),
    fc.base64String({ minLength: 4, maxLength: 200 }),
    fc.constantFrom('e30.', 'eyJwIjpbXSwiZiI6IiJ9.AAAA', '.', '..'),
  );
