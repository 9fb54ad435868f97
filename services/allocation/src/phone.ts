import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * A patient's phone number in E.164 (`+919876543210`), or undefined if it is not a valid number.
 * Numbers without a country code are read in the hospital's default country.
 */
export function normalisePhone(input: string, defaultCountry: string): string | undefined {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry as CountryCode);
  return parsed?.isValid() ? parsed.number : undefined;
}
