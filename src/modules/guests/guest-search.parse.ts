import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';

/** What a search box text asks for: phone digits (with variants), or normalised words. */
export type ParsedSearch = { mode: 'phone'; digits: string[] } | { mode: 'words'; words: string[] };

const PHONE_CHARS = /^[\d\s()+.\-/]+$/;
const MAX_CHAR = String.fromCodePoint(0x10ffff);

/** The exclusive upper bound of the prefix range of `w` in "C" collation order. */
export function prefixEnd(w: string): string {
  return w + MAX_CHAR;
}

/**
 * Digits-only text is a phone fragment: "0034 612…" drops the international prefix, a national
 * "06 12…" also tries without its trunk 0. Otherwise the words are normalised by the database's
 * own `search_words` (the function the index triggers use), so both sides agree on "ü" → "u".
 */
export async function parseSearch(ctx: Ctx, q: string): Promise<ParsedSearch | null> {
  const text = q.trim();
  if (PHONE_CHARS.test(text)) {
    const digits = text.replace(/\D/g, '');
    if (digits.length >= 3) {
      if (digits.startsWith('00') && digits.length >= 5) return { mode: 'phone', digits: [digits.slice(2)] };
      if (digits.startsWith('0') && !text.startsWith('+') && digits.length >= 4)
        return { mode: 'phone', digits: [digits, digits.slice(1)] };
      return { mode: 'phone', digits: [digits] };
    }
  }
  const forWords = text.includes('@') ? text.replace(/\.[^.@]*$/, '') : text;
  const r = await sql<{ w: string[] }>`select search_words(${forWords}) as w`.execute(ctx.db);
  const words = (r.rows[0]?.w ?? []).slice(0, 6);
  return words.length ? { mode: 'words', words } : null;
}

/** Up to five known name words one edit away from `w` (words of 4+ letters only). */
export async function fuzzyWords(ctx: Ctx, w: string): Promise<string[]> {
  if (w.length < 4 || /\d/.test(w)) return [];
  const rows = await ctx.db
    .selectFrom('searchWord')
    .select('word')
    .where(sql<boolean>`word % ${w}`)
    .where('word', '<>', w)
    .orderBy(sql`similarity(word, ${w})`, 'desc')
    .limit(20)
    .execute();
  return rows
    .map((r) => r.word)
    .filter((x) => !x.startsWith(w) && editDistanceAtMostOne(w, x))
    .slice(0, 5);
}

/** Damerau–Levenshtein distance ≤ 1 (one substitution, insertion, deletion or swap). */
export function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
