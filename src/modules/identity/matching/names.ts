import { areNicknames, isKnownGivenName } from './nicknames.ts';
import { nameTokens } from './normalise.ts';
import { damerauLevenshtein, jaroWinkler } from './similarity.ts';

/** A person's name split into folded tokens, particles dropped (`María del Carmen` → `maria carmen`). */
export interface PreparedName {
  given: string[];
  family: string[];
  givenKey: string;
  familyKey: string;
}

/** How two name parts relate, strongest first. `different` means both are present and disagree. */
export type NamePartLevel = 'exact' | 'nickname' | 'subset' | 'typo' | 'similar' | 'initial' | 'missing' | 'different';

export interface NameComparison {
  given: NamePartLevel;
  family: NamePartLevel;
  /** Jaro-Winkler of the given/family parts as aligned (0 when one is missing). */
  givenSimilarity: number;
  familySimilarity: number;
  /** The parts matched only after swapping first and last name on one side. */
  swapped: boolean;
  /** The same words split differently between first and last name ("José García | López" / "José | García López"). */
  resplit: boolean;
}

export function prepareName(first: string | null | undefined, last: string | null | undefined): PreparedName {
  const given = nameTokens(first);
  const family = nameTokens(last);
  return { given, family, givenKey: given.join(' '), familyKey: family.join(' ') };
}

/** Masculine/feminine pairs that differ only by an ending (Mario/María, Daniel/Daniela, Louis/Louise): different people. */
export function isGenderPair(a: string, b: string): boolean {
  if (a === b) return false;
  const stem = (s: string) => s.replace(/(nne|ne|[aeo])$/, (m) => (m === 'nne' || m === 'ne' ? 'n' : ''));
  return stem(a) === stem(b);
}

/**
 * A typing slip rather than another name: one edit in a name of five letters or more, two in one of
 * eight or more; never two distinct listed given names, never a masculine/feminine pair.
 */
export function isNameTypo(a: string, b: string, kind: 'given' | 'family'): boolean {
  if (a === b) return false;
  const min = Math.min(a.length, b.length);
  // A short given name with one slip ("Rosi"/"Rosie", "Luk"/"Luke") is still that name, unless both
  // spellings are names of their own (Ana/Ane, Leo/Lea); short surnames stay strict (Díaz/Díez).
  if (min < (kind === 'given' ? 3 : 5)) return false;
  if (kind === 'given') {
    const knownA = isKnownGivenName(a);
    const knownB = isKnownGivenName(b);
    // Two listed names are two names (Leo/Rosi); a masculine/feminine pair is two people when the
    // ending itself changes (Mario/Maria) or one side is a listed name (Daniel/Daniela, Louis/Louise),
    // and a slip when neither is ("Matild"/"Matilda", "Luk"/"Luke").
    if (knownA && knownB) return false;
    if (isGenderPair(a, b) && (knownA || knownB || a.length === b.length)) return false;
  }
  const d = damerauLevenshtein(a, b);
  return d === 1 || (d === 2 && min >= 8);
}

// First words of compound given names that stand for many different people (María José, Jean-Pierre).
const COMMON_FIRST_WORDS = new Set([
  'maria',
  'jose',
  'juan',
  'jean',
  'marie',
  'ana',
  'anna',
  'john',
  'mary',
  'luis',
  'hans',
]);

function isSubset(small: string[], big: string[]): boolean {
  if (small.length === 0 || small.length >= big.length) return false;
  return small.every((t) => big.includes(t));
}

function rank(level: NamePartLevel): number {
  switch (level) {
    case 'exact':
      return 7;
    case 'nickname':
      return 6;
    case 'subset':
      return 5;
    case 'typo':
      return 4;
    case 'similar':
      return 3;
    case 'initial':
      return 2;
    case 'missing':
      return 1;
    case 'different':
      return 0;
  }
}

/** Compares two name parts (given or family) given as token lists. */
export function compareNamePart(a: string[], b: string[], kind: 'given' | 'family'): [NamePartLevel, number] {
  if (a.length === 0 || b.length === 0) return ['missing', 0];
  const ka = a.join(' ');
  const kb = b.join(' ');
  const ca = a.join('');
  const cb = b.join('');
  if (ka === kb || ca === cb) return ['exact', 1];
  const jw = jaroWinkler(ca, cb);
  if (kind === 'given' && (areNicknames(ka, kb) || areNicknames(ca, cb) || areNicknames(a[0]!, b[0]!)))
    return ['nickname', jw];
  if (isSubset(a, b) || isSubset(b, a)) {
    // "María" is not "María José": a shared first word this common is no evidence on its own.
    const short = a.length < b.length ? a : b;
    const weak = kind === 'given' && short.every((t) => COMMON_FIRST_WORDS.has(t));
    return [weak ? 'similar' : 'subset', jw];
  }
  if (isNameTypo(ca, cb, kind)) return ['typo', jw];
  // Token-wise: every token of the shorter side equals or is a slip of one on the longer side.
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length > 1 && short.every((t) => long.some((u) => u === t || isNameTypo(t, u, kind)))) return ['subset', jw];
  if ((ca.length === 1 || cb.length === 1) && ca[0] === cb[0]) return ['initial', jw];
  if (jw >= 0.88 && !(kind === 'given' && isGenderPair(ca, cb))) return ['similar', jw];
  return ['different', jw];
}

function partsScore(g: NamePartLevel, f: NamePartLevel): number {
  return rank(g) * 8 + rank(f);
}

/**
 * Compares two names, trying them as written, with first and last name swapped on one side, and
 * with all words pooled (a compound name split differently between the two fields).
 */
export function compareNames(a: PreparedName, b: PreparedName): NameComparison {
  const [g, gs] = compareNamePart(a.given, b.given, 'given');
  const [f, fs] = compareNamePart(a.family, b.family, 'family');
  let best: NameComparison = {
    given: g,
    family: f,
    givenSimilarity: gs,
    familySimilarity: fs,
    swapped: false,
    resplit: false,
  };
  if (rank(g) >= rank('typo') && rank(f) >= rank('typo')) return best;

  // Swapped on one side: either of the crossed pairs may hold the given name, so both are
  // compared as given names (nicknames allowed, masculine/feminine pairs refused).
  const [sg, sgs] = compareNamePart(a.family, b.given, 'given');
  const [sf, sfs] = compareNamePart(a.given, b.family, 'given');
  if (rank(sg) >= rank('similar') && rank(sf) >= rank('similar') && partsScore(sg, sf) > partsScore(g, f)) {
    best = { given: sg, family: sf, givenSimilarity: sgs, familySimilarity: sfs, swapped: true, resplit: false };
  }

  const all = (n: PreparedName) => [...n.given, ...n.family];
  const pa = all(a);
  const pb = all(b);
  if (pa.length >= 2 && pb.length >= 2 && pa[0] === pb[0] && a.given.length > 0 === b.given.length > 0) {
    const sa = [...pa].sort().join(' ');
    const sb = [...pb].sort().join(' ');
    // Subset only when the shorter is the start of the longer: a dropped second surname.
    const [short, long] = pa.length <= pb.length ? [pa, pb] : [pb, pa];
    const level: NamePartLevel | undefined =
      sa === sb ? 'exact' : short.length < long.length && short.every((t, i) => long[i] === t) ? 'subset' : undefined;
    if (level && partsScore('exact', level) > partsScore(best.given, best.family)) {
      best = { given: 'exact', family: level, givenSimilarity: 1, familySimilarity: 1, swapped: false, resplit: true };
    }
  }
  return best;
}

/** Name levels that identify the same given/family name despite the spelling. */
export function isPositive(level: NamePartLevel): boolean {
  return level === 'exact' || level === 'nickname' || level === 'subset' || level === 'typo';
}
