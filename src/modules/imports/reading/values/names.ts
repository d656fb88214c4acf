import { cleanCell } from './text.ts';

/** A person's name as Clientela keeps it: a middle name stays with the given name. */
export interface SplitName {
  givenName: string;
  familyName: string;
}

/** How many family names a culture writes after the given names: Spanish and Portuguese use two. */
export type SurnameStyle = 'single' | 'double';

// Particles that start a family name: "de la Rosa", "van der Berg", "da Silva", "d'Ornano".
const PARTICLES = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'y',
  'i',
  'da',
  'das',
  'do',
  'dos',
  'di',
  'du',
  'des',
  'le',
  'van',
  'von',
  'der',
  'den',
  'ten',
  'ter',
  'zu',
  'af',
  'al',
  'el',
  'bin',
  'ibn',
  'st',
  'st.',
  'san',
  'santa',
  'mac',
]);
const TITLES = /^(?:mr|mrs|ms|miss|mx|dr|prof|sr|sra|srta|d|dña|dona|don|m|mme|mlle|herr|frau)\.?$/i;

function isParticle(word: string): boolean {
  return PARTICLES.has(word.toLowerCase()) || /^[dl]'/i.test(word);
}

/**
 * Splits a full name into given and family names.
 * - "Last, First" (Booking.com's "Booked by") is reordered.
 * - A particle starts the family name and keeps everything after it: "Juan de la Rosa".
 * - With the `double` style (a Spanish or Portuguese file or row), the last two words are the
 *   family name when there are three or more: "María García López", "José María García López".
 * - Otherwise the last word is the family name and the middle names stay with the given name.
 * - A leading title ("Mr", "Sra.", "Mme") is dropped.
 */
export function splitFullName(input: string, style: SurnameStyle = 'single'): SplitName {
  const value = cleanCell(input);
  const comma = value.indexOf(',');
  if (comma > 0 && value.indexOf(',', comma + 1) === -1) {
    const family = cleanCell(value.slice(0, comma));
    const given = cleanCell(value.slice(comma + 1));
    if (family && given) return { givenName: stripTitle(given), familyName: family };
  }
  const words = stripTitle(value).split(' ').filter(Boolean);
  if (words.length === 0) return { givenName: '', familyName: '' };
  if (words.length === 1) return { givenName: words[0]!, familyName: '' };
  const particle = words.findIndex((word, i) => i > 0 && isParticle(word));
  if (particle > 0) {
    return { givenName: words.slice(0, particle).join(' '), familyName: words.slice(particle).join(' ') };
  }
  const familyCount = style === 'double' && words.length >= 3 ? 2 : 1;
  return {
    givenName: words.slice(0, words.length - familyCount).join(' '),
    familyName: words.slice(words.length - familyCount).join(' '),
  };
}

function stripTitle(value: string): string {
  const words = value.split(' ');
  return words.length > 1 && TITLES.test(words[0]!) ? words.slice(1).join(' ') : value;
}

/** The surname style for a row: double for Spanish- and Portuguese-speaking countries. */
export function surnameStyleFor(country: string | undefined, fallback: SurnameStyle): SurnameStyle {
  if (!country) return fallback;
  return DOUBLE_SURNAME_COUNTRIES.has(country.toUpperCase()) ? 'double' : 'single';
}

const DOUBLE_SURNAME_COUNTRIES = new Set([
  'ES',
  'MX',
  'AR',
  'CO',
  'CL',
  'PE',
  'VE',
  'EC',
  'GT',
  'CU',
  'BO',
  'DO',
  'HN',
  'PY',
  'SV',
  'NI',
  'CR',
  'PA',
  'UY',
  'PR',
  'PT',
  'BR',
  'AD',
]);
