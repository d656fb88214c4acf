import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { cleanCell } from './text.ts';

export type PhoneResult = { ok: true; e164: string; display: string } | { ok: false; value: string };

function valid(text: string, country?: string): string | undefined {
  const parsed = parsePhoneNumberFromString(text, country as CountryCode | undefined);
  return parsed?.isValid() ? parsed.number : undefined;
}

/**
 * Reads a phone number into E.164. Without a "+", the row's country is tried first, then the
 * default country passed in (the property's, else the organisation's). A number Excel turned into
 * bare digits ("34612345678", the "+" and the leading zeros lost) is still recognised as
 * international when no national reading is valid. "00" international prefixes are understood.
 */
export function normalisePhone(input: string, countries: Array<string | undefined>): PhoneResult | undefined {
  const display = cleanCell(input).replace(/^tel:/i, '');
  if (!display) return undefined;
  const compact = display.replace(/[\s().\-/]/g, '');
  if (/^\+/.test(compact)) {
    const e164 = valid(compact);
    return e164 ? { ok: true, e164, display } : { ok: false, value: display };
  }
  if (/^00\d/.test(compact)) {
    const e164 = valid(`+${compact.slice(2)}`);
    if (e164) return { ok: true, e164, display };
  }
  for (const country of countries) {
    if (!country) continue;
    const e164 = valid(display, country.toUpperCase());
    if (e164) return { ok: true, e164, display };
  }
  if (/^\d{8,15}$/.test(compact)) {
    const e164 = valid(`+${compact}`);
    if (e164) return { ok: true, e164, display };
  }
  return { ok: false, value: display };
}
