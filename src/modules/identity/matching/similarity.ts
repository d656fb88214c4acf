/**
 * String similarity for names and addresses.
 *
 * Written here rather than taken from npm: these two functions run millions of times per
 * batch (FEBRL 4 resolves in well under two seconds), and the packages that offer them
 * (`talisman`, `damerau-levenshtein`, `jaro-winkler`) allocate a matrix or arrays per call and
 * ship no types. Both follow the textbook definitions and are checked against published
 * reference values in `similarity.test.ts`.
 */

const MAX_LEN = 128;
const flagsA = new Uint8Array(MAX_LEN);
const flagsB = new Uint8Array(MAX_LEN);
let rowPrev2 = new Int32Array(MAX_LEN + 1);
let rowPrev = new Int32Array(MAX_LEN + 1);
let rowCur = new Int32Array(MAX_LEN + 1);

/** Jaro similarity in [0, 1]. */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length > 0 ? 1 : 0;
  const la = Math.min(a.length, MAX_LEN);
  const lb = Math.min(b.length, MAX_LEN);
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const ca = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === ca) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - transpositions / 2) / m) / 3;
}

/** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j === 0 || j === 1) return j;
  let prefix = 0;
  const max = Math.min(4, a.length, b.length);
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/**
 * Damerau-Levenshtein distance, optimal-string-alignment variant (insert, delete, substitute,
 * transpose two adjacent characters; no substring edited twice) — the edits a typist makes.
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const la = Math.min(a.length, MAX_LEN);
  const lb = Math.min(b.length, MAX_LEN);
  if (la === 0) return lb;
  if (lb === 0) return la;
  for (let j = 0; j <= lb; j++) rowPrev[j] = j;
  for (let i = 1; i <= la; i++) {
    rowCur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(rowPrev[j]! + 1, rowCur[j - 1]! + 1, rowPrev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, rowPrev2[j - 2]! + 1);
      }
      rowCur[j] = v;
    }
    const t = rowPrev2;
    rowPrev2 = rowPrev;
    rowPrev = rowCur;
    rowCur = t;
  }
  return rowPrev[lb]!;
}
