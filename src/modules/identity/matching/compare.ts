import { compareNames, type NameComparison, type NamePartLevel } from './names.ts';
import { damerauLevenshtein, jaroWinkler } from './similarity.ts';
import type { MatchSubject, PreparedAddress } from './subject.ts';
import { type NameFrequencies, tfAdjustment } from './model.ts';
import { type MatchWeights, WEIGHTS } from './weights.ts';

/** The organisation's model: EM-estimated weights and name frequencies (both optional). */
export interface MatchModel {
  weights?: MatchWeights;
  names?: NameFrequencies;
}

/** One piece of evidence: which field, how it compared, how much it moved the score (bits). */
export interface Evidence {
  field: 'given_name' | 'family_name' | 'birth_date' | 'email' | 'phone' | 'document' | 'address';
  level: string;
  weight: number;
  detail?: string;
}

export type BirthLevel = 'exact' | 'typo' | 'day_month_swapped' | 'missing' | 'different';

export interface SharedKey {
  kind: 'email' | 'phone' | 'document';
  value: string;
}

/** The comparison of two people: the evidence, its total in bits, and the keys they share. */
export interface Comparison {
  /** Sum of the evidence weights (log2 likelihood ratio). */
  weight: number;
  evidence: Evidence[];
  name: NameComparison;
  birth: BirthLevel;
  sharedKeys: SharedKey[];
  /** Both sides carry document numbers and none agrees even with one typo. */
  documentConflict: boolean;
  /** Whether each side has an e-mail (not a relay) or a phone. */
  contact: [boolean, boolean];
}

function compareBirth(a: string, b: string): BirthLevel {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  if (
    a.length === 8 &&
    b.length === 8 &&
    a.slice(0, 4) === b.slice(0, 4) &&
    a.slice(4, 6) === b.slice(6, 8) &&
    a.slice(6, 8) === b.slice(4, 6)
  )
    return 'day_month_swapped';
  return damerauLevenshtein(a, b) <= 1 ? 'typo' : 'different';
}

function textLevel(a: string, b: string): 'exact' | 'close' | 'similar' | 'missing' | 'different' {
  if (!a || !b) return 'missing';
  if (a === b || a.replace(/ /g, '') === b.replace(/ /g, '')) return 'exact';
  const jw = jaroWinkler(a, b);
  return jw >= 0.94 ? 'close' : jw >= 0.85 ? 'similar' : 'different';
}

function codeLevel(a: string, b: string): 'exact' | 'typo' | 'missing' | 'different' {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  return damerauLevenshtein(a, b) <= 1 ? 'typo' : 'different';
}

function addressEvidence(a: PreparedAddress, b: PreparedAddress, w: MatchWeights['address']): Evidence {
  const parts: string[] = [];
  let weight = 0;
  const add = (label: string, level: string, table: Record<string, number>) => {
    const v = table[level] ?? 0;
    if (level !== 'missing') parts.push(`${label}=${level}`);
    weight += v;
  };
  add('number', codeLevel(a.number, b.number), w.number);
  // Lines 1 and 2 are often typed the other way round ("Flat 3" / "12 High Street").
  const straight = [textLevel(a.street, b.street), textLevel(a.line2, b.line2)] as const;
  const crossed = [textLevel(a.street, b.line2), textLevel(a.line2, b.street)] as const;
  const lines = (l: readonly [string, string]) => (w.street[l[0]] ?? 0) + (w.line2[l[1]] ?? 0);
  const [street, line2] = lines(crossed) > lines(straight) && crossed[0] !== 'missing' ? crossed : straight;
  add('street', street, w.street);
  add('line2', line2, w.line2);
  add('city', textLevel(a.city, b.city), w.city);
  add('postcode', codeLevel(a.postcode, b.postcode), w.postcode);
  add('region', textLevel(a.region, b.region), w.region);
  if (a.country && b.country && a.country !== b.country) add('country', 'different', w.country);
  return { field: 'address', level: parts.length > 0 ? parts.join(',') : 'missing', weight };
}

function nameWeight(level: NamePartLevel, table: Record<NamePartLevel, number>): number {
  return table[level];
}

/**
 * Compares two prepared people field by field. Pure and symmetric in what it finds; the same
 * function serves the batch resolver and the database resolver (on candidates fetched by
 * blocking keys).
 */
export function compareSubjects(a: MatchSubject, b: MatchSubject, model?: MatchModel): Comparison {
  const W = model?.weights ?? WEIGHTS;
  const evidence: Evidence[] = [];
  const sharedKeys: SharedKey[] = [];

  const name = compareNames(a.name, b.name);
  const swapNote = name.swapped ? 'first/last swapped' : name.resplit ? 'split differently' : undefined;
  // Term frequency: an exact "García" is weaker evidence than an exact "Etxeberria".
  const names = model?.names;
  const givenTf =
    names && name.given === 'exact' && !name.resplit
      ? tfAdjustment(names, 'given', name.swapped ? b.name.givenKey : a.name.givenKey)
      : 0;
  const familyTf =
    names && name.family === 'exact' && !name.resplit
      ? tfAdjustment(names, 'family', name.swapped ? b.name.familyKey : a.name.familyKey)
      : 0;
  const tfNote = (bits: number) => (bits <= -1 ? 'common name' : bits >= 1 ? 'rare name' : undefined);
  const givenNote = [swapNote, tfNote(givenTf)].filter(Boolean).join('; ');
  const familyNote = tfNote(familyTf);
  evidence.push({
    field: 'given_name',
    level: name.given,
    weight: nameWeight(name.given, W.given) - (name.swapped ? W.swapPenalty : 0) + givenTf,
    ...(givenNote ? { detail: givenNote } : {}),
  });
  // A surname typed with its letters scrambled ("Mosrir"/"Morris", "Hsmel"/"Holmes") is a slip, not
  // another family: it weighs as a similar spelling. Only the evidence changes, never the level the
  // hard rules read.
  const scrambled =
    name.family === 'different' &&
    !name.resplit &&
    lettersScrambled(a.name.family.join(''), (name.swapped ? b.name.given : b.name.family).join(''));
  evidence.push({
    field: 'family_name',
    level: name.family,
    weight: (scrambled ? W.family.similar : nameWeight(name.family, W.family)) + familyTf,
    ...(scrambled ? { detail: 'letters scrambled' } : familyNote ? { detail: familyNote } : {}),
  });

  const birth = compareBirth(a.birth, b.birth);
  evidence.push({ field: 'birth_date', level: birth, weight: W.birth[birth] });

  const emailShared = a.emailKeys.filter((k) => b.emailKeys.includes(k));
  for (const value of emailShared) sharedKeys.push({ kind: 'email', value });
  if (emailShared.length > 0)
    evidence.push({ field: 'email', level: 'same', weight: W.email.same, detail: emailShared[0] });
  else if (a.emailKeys.length > 0 && b.emailKeys.length > 0) {
    let best = 0;
    for (const x of a.emailKeys) for (const y of b.emailKeys) best = Math.max(best, emailSimilarity(x, y));
    const level = best >= 0.9 ? 'similar' : 'different';
    evidence.push({ field: 'email', level, weight: W.email[level] });
  }

  const phoneShared = a.phones.filter((p) => b.phones.includes(p));
  for (const value of phoneShared) sharedKeys.push({ kind: 'phone', value });
  if (phoneShared.length > 0)
    evidence.push({ field: 'phone', level: 'same', weight: W.phone.same, detail: phoneShared[0] });
  else if (a.phones.length > 0 && b.phones.length > 0)
    evidence.push({ field: 'phone', level: 'different', weight: W.phone.different });

  let documentConflict = false;
  if (a.documents.length > 0 && b.documents.length > 0) {
    const same = a.documents.filter((d) => b.documents.includes(d));
    for (const value of same) sharedKeys.push({ kind: 'document', value });
    const typo = same.length === 0 && a.documents.some((x) => b.documents.some((y) => damerauLevenshtein(x, y) <= 1));
    const level = same.length > 0 ? 'same' : typo ? 'typo' : 'different';
    documentConflict = level === 'different';
    evidence.push({ field: 'document', level, weight: W.document[level] });
  }

  if (a.addresses.length > 0 && b.addresses.length > 0) {
    let best: Evidence | undefined;
    for (const x of a.addresses.slice(0, 4))
      for (const y of b.addresses.slice(0, 4)) {
        const e = addressEvidence(x, y, W.address);
        if (!best || e.weight > best.weight) best = e;
      }
    if (best) evidence.push(best);
  }

  const weight = evidence.reduce((s, e) => s + e.weight, 0);
  return { weight, evidence, name, birth, sharedKeys, documentConflict, contact: [a.hasContact, b.hasContact] };
}

/**
 * Two words made of the same letters, give or take one (two in words of six letters or more):
 * "Wantol"/"Walton", "Porrret"/"Porter", "Hsmel"/"Holmes". Four letters at least on each side.
 */
export function lettersScrambled(x: string, y: string): boolean {
  if (x.length < 4 || y.length < 4 || Math.abs(x.length - y.length) > 2) return false;
  const counts = new Map<string, number>();
  for (const c of x) counts.set(c, (counts.get(c) ?? 0) + 1);
  for (const c of y) counts.set(c, (counts.get(c) ?? 0) - 1);
  let apart = 0;
  for (const n of counts.values()) apart += Math.abs(n);
  return apart <= (Math.min(x.length, y.length) >= 6 ? 2 : 1);
}

function emailSimilarity(x: string, y: string): number {
  const [lx, dx] = x.split('@') as [string, string];
  const [ly, dy] = y.split('@') as [string, string];
  // Another number is another mailbox (`john.smith84@` / `john.smith85@`: often two namesakes).
  if (x.replace(/\D/g, '') !== y.replace(/\D/g, '')) return 0;
  if (dx === dy) return jaroWinkler(lx, ly);
  if (lx === ly && lx.length >= 6) return 0.9;
  // One or two slips anywhere in a long enough address (`h.k@shhrp.com` / `h.k@sharp.com`,
  // `noahr@hudsn-brohwn.net` / `noahr@hudson-brown.net`): the same mailbox mistyped.
  return Math.min(x.length, y.length) >= 10 && damerauLevenshtein(x, y) <= 2 ? 0.9 : 0;
}
