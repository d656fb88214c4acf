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
  // Parsing is the costliest step of preparing a person, and the same stored numbers come back
  // as candidates booking after booking: remember recent answers (a pure function).
  const key = `${country}|${text}`;
  const cached = PHONE_CACHE.get(key);
  if (cached !== undefined) return cached || undefined;
  let e164: string | undefined;
  try {
    const parsed = parsePhoneNumberFromString(text, country.toUpperCase() as CountryCode);
    e164 = parsed?.isValid() ? parsed.number : undefined;
  } catch {
    e164 = undefined;
  }
  if (PHONE_CACHE.size >= PHONE_CACHE_SIZE) PHONE_CACHE.clear();
  PHONE_CACHE.set(key, e164 ?? '');
  return e164;
}

const PHONE_CACHE_SIZE = 50_000;
/** input → E.164, '' for "not a valid number". */
const PHONE_CACHE = new Map<string, string>();
