import { damerauLevenshtein, foldText } from '../identity/matching/index.ts';

/**
 * Company names for dedupe (issue 15 point 1): two names are compared once case, accents,
 * punctuation and the legal form ("S.L.", "SARL", "GmbH", "Ltd" …) are gone, so "Viajes Sol, S.L."
 * and "VIAJES SÓL SL" are one name. Pure functions, no database.
 */

/** Legal forms (as folded, dots gone) dropped from the end of a name. */
const LEGAL_FORMS = new Set([
  // Spain
  'sl',
  'slu',
  'sll',
  'slne',
  'sa',
  'sau',
  'scoop',
  'sc',
  'cb',
  // France
  'sarl',
  'eurl',
  'sas',
  'sasu',
  'sca',
  'snc',
  // Germany, Austria, Switzerland
  'gmbh',
  'ag',
  'kg',
  'ohg',
  'ug',
  'ev',
  // Italy, Portugal, Netherlands, Belgium
  'srl',
  'spa',
  'lda',
  'bv',
  'nv',
  'sprl',
  'bvba',
  // English-speaking countries
  'ltd',
  'limited',
  'plc',
  'llp',
  'llc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'and',
]);

/**
 * The comparable form of a company name: folded (`foldText`), `&` and other signs as spaces, runs
 * of single letters joined ("s l" → "sl", as "S. L." is written), trailing legal forms dropped
 * (a name that is only a legal form keeps it).
 */
export function normaliseCompanyName(name: string | null | undefined): string {
  const tokens = foldText(name)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(' ')
    .filter(Boolean);
  const joined: string[] = [];
  for (const [i, t] of tokens.entries()) {
    const previous = tokens[i - 1];
    if (t.length === 1 && previous?.length === 1) joined[joined.length - 1] += t;
    else joined.push(t);
  }
  while (joined.length > 1 && LEGAL_FORMS.has(joined[joined.length - 1]!)) joined.pop();
  return joined.join(' ');
}

/**
 * Similarity of two normalised names in [0, 1]: 1 − edit distance / longer length (Damerau-
 * Levenshtein, as identity matching uses), on the names and on their words sorted ("Sol Viajes"
 * and "Viajes Sol" are one name).
 */
export function companyNameSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const ratio = (x: string, y: string) => 1 - damerauLevenshtein(x, y) / Math.max(x.length, y.length);
  const sorted = (x: string) => x.split(' ').sort().join(' ');
  return Math.max(ratio(a, b), ratio(sorted(a), sorted(b)));
}

/** From this similarity up, two companies in one place are queued for review. */
export const COMPANY_DUPLICATE_THRESHOLD = 0.85;
