/**
 * Company tax ids (issue 15): normalised, checked where the country's rule is known, and keyed so
 * that the same company entered two ways (a VAT number and its national number) is one company.
 *
 * No maintained validation library is installed (checked node_modules: no jsvat, stdnum or
 * validator); the rules below are the published ones for Spain (NIF/NIE/CIF control characters),
 * France (SIREN/SIRET Luhn, VAT key) and the EU VAT number format of each member state.
 */

/** EU VAT number formats after the country prefix (VIES; Greece uses EL, Northern Ireland XI). */
const EU_VAT: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^\d[A-Z0-9+*]\d{5}[A-Z]{1,2}$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{12}$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

export interface TaxId {
  /** As entered, upper case, without spaces, dots, dashes or slashes. */
  value: string;
  /** Country + national number: equal keys are the same company. */
  key: string;
}

export type TaxIdResult = { ok: true; taxId: TaxId } | { ok: false; message: string };

/** Normalises and checks a tax id; `country` (ISO 3166-1 alpha-2) says which national rule applies. */
export function parseTaxId(raw: string, country?: string | null): TaxIdResult {
  const value = raw.toUpperCase().replace(/[\s.\-/]/g, '');
  if (!/^[A-Z0-9+*]{2,30}$/.test(value)) return { ok: false, message: 'only letters and digits (2 to 30)' };
  const prefix = value.slice(0, 2);
  const vatRule = EU_VAT[prefix];
  const cc = (country ?? '').toUpperCase();
  // An EU VAT number: prefix + national format (ES and FR also checked by their national rule).
  if (vatRule && /^[A-Z]{2}/.test(value) && !(cc === 'ES' && isSpanishId(value))) {
    const rest = value.slice(2);
    if (!vatRule.test(rest)) return { ok: false, message: `not a valid ${prefix} VAT number` };
    if (prefix === 'ES') return spanish(rest, value);
    if (prefix === 'FR') return frenchVat(rest, value);
    return { ok: true, taxId: { value, key: `${prefix}${rest}` } };
  }
  if (cc === 'ES') return spanish(value, value);
  if (cc === 'FR') return frenchNational(value);
  // A national number of another EU country, written without its prefix: keyed like its VAT number.
  const vatCountry = cc === 'GR' ? 'EL' : cc;
  if (EU_VAT[vatCountry]?.test(value)) return { ok: true, taxId: { value, key: `${vatCountry}${value}` } };
  return { ok: true, taxId: { value, key: `${cc || 'XX'}:${value}` } };
}

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

function isSpanishId(v: string): boolean {
  return /^(\d{8}[A-Z]|[XYZ]\d{7}[A-Z]|[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J])$/.test(v);
}

/** Spanish NIF (DNI), NIE and CIF with their control character. */
function spanish(v: string, value: string): TaxIdResult {
  const ok = (): TaxIdResult => ({ ok: true, taxId: { value, key: `ES${v}` } });
  if (/^\d{8}[A-Z]$/.test(v)) {
    return NIF_LETTERS[Number(v.slice(0, 8)) % 23] === v[8] ? ok() : bad('the NIF letter does not match');
  }
  if (/^[XYZ]\d{7}[A-Z]$/.test(v)) {
    const n = Number(`${'XYZ'.indexOf(v[0]!)}${v.slice(1, 8)}`);
    return NIF_LETTERS[n % 23] === v[8] ? ok() : bad('the NIE letter does not match');
  }
  if (/^[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J]$/.test(v)) {
    const digits = v.slice(1, 8).split('').map(Number);
    let sum = 0;
    digits.forEach((d, i) => {
      if (i % 2 === 0) {
        const x = d * 2;
        sum += Math.floor(x / 10) + (x % 10);
      } else sum += d;
    });
    const control = (10 - (sum % 10)) % 10;
    const given = v[8]!;
    const letter = 'JABCDEFGHI'[control]!;
    const byLetter = 'KPQRSNW'.includes(v[0]!);
    const byDigit = 'ABEH'.includes(v[0]!);
    const matches = byLetter
      ? given === letter
      : byDigit
        ? given === String(control)
        : given === letter || given === String(control);
    return matches ? ok() : bad('the CIF control character does not match');
  }
  return bad('not a Spanish NIF, NIE or CIF');
}

/** Luhn checksum (SIREN, SIRET). */
export function isLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** SIRET of La Poste's establishments: the sum of digits is a multiple of 5 instead of Luhn. */
const isLaPosteSiret = (v: string) =>
  v.startsWith('356000000') && v.split('').reduce((s, d) => s + Number(d), 0) % 5 === 0;

/** A French SIREN (9 digits) or SIRET (14 digits): keyed on the SIREN. */
function frenchNational(v: string): TaxIdResult {
  if (/^\d{9}$/.test(v)) return isLuhn(v) ? { ok: true, taxId: { value: v, key: `FR${v}` } } : bad('not a valid SIREN');
  if (/^\d{14}$/.test(v)) {
    return isLuhn(v) || isLaPosteSiret(v)
      ? { ok: true, taxId: { value: v, key: `FR${v.slice(0, 9)}` } }
      : bad('not a valid SIRET');
  }
  return bad('a French company number is a SIREN (9 digits), a SIRET (14 digits) or a VAT number (FR…)');
}

/** A French VAT number: 2-character key + SIREN; a numeric key is (12 + 3 × (SIREN mod 97)) mod 97. */
function frenchVat(rest: string, value: string): TaxIdResult {
  const siren = rest.slice(2);
  if (!isLuhn(siren)) return bad('the SIREN in this VAT number is not valid');
  const key = rest.slice(0, 2);
  if (/^\d{2}$/.test(key) && Number(key) !== (12 + 3 * (Number(siren) % 97)) % 97) {
    return bad('the key of this French VAT number does not match its SIREN');
  }
  return { ok: true, taxId: { value, key: `FR${siren}` } };
}

const bad = (message: string): TaxIdResult => ({ ok: false, message });
