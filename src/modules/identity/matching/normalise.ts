/**
 * Text folding shared by every comparison: accents, case, punctuation and spacing must never
 * decide whether two records are the same person.
 */

// Letters that NFD does not decompose into a base letter plus a combining mark.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lower-case ASCII-ish form: accents stripped (`José` → `jose`), hyphens/dots/apostrophes become spaces. */
export function foldText(input: string | null | undefined): string {
  if (!input) return '';
  // Fast path: plain lower-case ASCII letters, digits and single spaces need no work.
  if (/^[a-z0-9]+( [a-z0-9]+)*$/.test(input)) return input;
  return input
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .replace(/[\s\-‐‑‒–—_.,;:/\\'’`´"()[\]{}]+/g, ' ')
    .trim();
}

/** Only the digits of a value (postcodes, dates, document numbers written with separators). */
export function digitsOf(input: string | null | undefined): string {
  return input ? input.replace(/\D+/g, '') : '';
}

/** Letters and digits only, upper case: document numbers such as passports (`X-1234567-L` → `X1234567L`). */
export function compactCode(input: string | null | undefined): string {
  return foldText(input)
    .replace(/[^a-z0-9]/g, '')
    .toUpperCase();
}

// Particles that are written or dropped at will ("Maria del Carmen", "de la Fuente", "van der Berg").
const PARTICLES = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'el',
  'y',
  'i',
  'e',
  'da',
  'das',
  'do',
  'dos',
  'di',
  'du',
  'le',
  'van',
  'von',
  'der',
  'den',
  'ter',
  'ten',
  'st',
  'mc',
  'al',
  'bin',
  'ibn',
]);

/** The significant tokens of a name (`María del Carmen` → `['maria', 'carmen']`). */
export function nameTokens(input: string | null | undefined): string[] {
  const folded = foldText(input).replace(/[^a-z0-9 ]/g, '');
  if (!folded) return [];
  const tokens = folded.split(' ').filter((t) => t.length > 0);
  const significant = tokens.filter((t) => !PARTICLES.has(t));
  return significant.length > 0 ? significant : tokens;
}
