import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** Country assumed for numbers written without `+` or `00` when the record gives none. */
export const DEFAULT_MATCH_COUNTRY = 'ES';

/**
 * A phone number in E.164 (`+34612345678`) whatever way it was written (`612 345 678`,
 * `0034 612 345 678`, `+34-612-345-678`); undefined when it is not a valid number.
 */
export function normalisePhoneE164(
  input: string | null | undefined,
  country: string = DEFAULT_MATCH_COUNTRY,
): string | undefined {
  const text = (input ?? '').trim();
  if (text.replace(/\D/g, '').length < 6) return undefined;
  try {
    const parsed = parsePhoneNumberFromString(text, country.toUpperCase() as CountryCode);
    return parsed?.isValid() ? parsed.number : undefined;
  } catch {
    return undefined;
  }
}
