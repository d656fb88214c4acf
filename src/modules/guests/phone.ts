import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** The country whose national formats are assumed when a number has no `+` prefix (no property country yet). */
export const DEFAULT_PHONE_COUNTRY = 'ES';

export interface NormalisedPhone {
  /** `+34612345678` */
  e164: string;
  /** As the guest or staff typed it, trimmed. */
  display: string;
}

/**
 * Parses a phone number in any format ("+34 612 34 56 78", "0612345678" with FR) into E.164;
 * undefined when libphonenumber-js does not consider it a valid number. A national number is read
 * with each of `countries` in turn (the first valid reading wins; phone-countries.ts gives the order).
 */
export function normalisePhone(
  input: string,
  countries: string | readonly string[] = DEFAULT_PHONE_COUNTRY,
): NormalisedPhone | undefined {
  const display = input.trim().replace(/\s+/g, ' ');
  for (const country of typeof countries === 'string' ? [countries] : countries) {
    const parsed = parsePhoneNumberFromString(display, country.toUpperCase() as CountryCode);
    if (parsed?.isValid()) return { e164: parsed.number, display };
    // A "+…" number reads the same in every country.
    if (display.startsWith('+')) return undefined;
  }
  return undefined;
}
