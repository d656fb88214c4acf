import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** What stands in for an erased person's data in records that stay (the presenters show it as is). */
export const ERASED = '*****';

/** The values that identify an erased person in free text. */
export interface ErasureTerms {
  /** Whole values: full names, e-mail addresses, document numbers, usernames, phones as typed. */
  phrases: string[];
  /** Single name words (3+ letters) and address lines: scrubbed only in records linked to the person. */
  words: string[];
  /** Phone numbers in E.164; their national digits are found whatever the separators. */
  phones: string[];
}

/** Where a scrub looks: records of the person (every name word) or anyone's (whole values only). */
export type ScrubScope = 'linked' | 'org';

export interface Scrubber {
  /** `ilike` patterns (escaped) that select candidate rows: a superset of what `text` changes. */
  likePatterns: string[];
  /** Digit-only `like` patterns for phone numbers (compared with the text's digits). */
  digitPatterns: string[];
  text(value: string): string;
  json(value: unknown): unknown;
  isEmpty: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const notLetter = '[\\p{L}\\p{N}]';

/** The national significant digits of an E.164 number (what any written form of it contains). */
export function nationalDigits(e164: string): string | undefined {
  const parsed = parsePhoneNumberFromString(e164);
  const digits = parsed?.nationalNumber ?? e164.replace(/\D/g, '').slice(-9);
  // Shorter runs of digits are too likely to be an amount or a reference in someone else's text.
  return digits.length >= 8 ? digits : undefined;
}

function uniqueNonEmpty(values: string[], min: number): string[] {
  const out = new Set<string>();
  for (const v of values) {
    const t = v.trim();
    if (t.length >= min) out.add(t);
  }
  // Longest first, so "Ana Pérez" goes before "Ana".
  return [...out].sort((a, b) => b.length - a.length);
}

/** Builds the scrubber of one erasure for a scope. */
export function buildScrubber(terms: ErasureTerms, scope: ScrubScope): Scrubber {
  // In anyone's records only values of 5+ characters: "Al Li" at least, never a stray "Ana".
  const phrases =
    scope === 'linked' ? uniqueNonEmpty([...terms.phrases, ...terms.words], 3) : uniqueNonEmpty(terms.phrases, 5);
  const digits = [...new Set(terms.phones.map(nationalDigits).filter((d): d is string => !!d))];
  const parts = [
    ...phrases.map((p) => `(?<!${notLetter})${escapeRegExp(p).replace(/\s+/g, '\\s+')}(?!${notLetter})`),
    // "+34 600 12 34 56", "600-123-456", "(0)600123456": the digits with any separators between them.
    ...digits.map((d) => `(?<!\\d)${[...d].join('[\\s().\\-/]*')}(?!\\d)`),
  ];
  const regex = parts.length ? new RegExp(parts.join('|'), 'giu') : undefined;
  const text = (value: string) => (regex ? value.replace(regex, ERASED) : value);
  const json = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(json);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [text(k), json(v)]));
    return value;
  };
  return {
    likePatterns: phrases.map((p) => `%${escapeLike(p)}%`),
    digitPatterns: digits.map((d) => `%${d}%`),
    text,
    json,
    isEmpty: !parts.length,
  };
}
