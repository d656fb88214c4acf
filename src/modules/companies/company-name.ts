/**
 * Near-identical company names (issue 15 point 5): the review of a registration shows existing
 * companies whose name is the same once case, accents, punctuation and legal forms are set aside
 * ("Viajes Sol, S.L." = "viajes sol"), or one letter or two apart. A plain comparison, the same on
 * both engines (pg_trgm is not available in the embedded one).
 */

const LEGAL_FORMS = new Set([
  'sl',
  'slu',
  'sa',
  'sau',
  'sll',
  'scp',
  'sas',
  'sasu',
  'sarl',
  'eurl',
  'sci',
  'snc',
  'gmbh',
  'ag',
  'kg',
  'ug',
  'ltd',
  'limited',
  'plc',
  'llc',
  'inc',
  'corp',
  'co',
  'company',
  'cie',
  'bv',
  'nv',
  'srl',
  'spa',
  'the',
  'y',
  'et',
  'and',
]);

export function normaliseCompanyName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/\.(?=\w\b)/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !LEGAL_FORMS.has(w))
    .join(' ');
}

export function similarCompanyNames(a: string, b: string): boolean {
  const x = normaliseCompanyName(a);
  const y = normaliseCompanyName(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const shorter = Math.min(x.length, y.length);
  if (shorter >= 5 && (x.startsWith(`${y} `) || y.startsWith(`${x} `))) return true;
  return shorter >= 6 && editDistance(x, y, 2) <= 2;
}

/** Levenshtein distance, stopping once it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}
