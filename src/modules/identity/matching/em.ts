import { blockingKeys } from './blocking.ts';
import { compareSubjects } from './compare.ts';
import type { MatchSubject } from './subject.ts';
import { type MatchWeights, WEIGHTS } from './weights.ts';

/**
 * m/u estimation as Splink does it: u (how often a level occurs for two different people) from
 * random pairs, m (how often for the same person) by expectation-maximisation over the blocked
 * pairs with u held fixed. The result replaces the default weights level by level (weight =
 * log2 m/u), within bounds, keeping each level's sign and at least half its default evidence. Offline only.
 */

/** Below these counts the defaults are kept (a new, small organisation). */
export const EM_MIN_PROFILES = 1000;
export const EM_MIN_PAIRS = 300;
/** Weights stay within these bits, and a level keeps the sign of its default. */
const MIN_BITS = -12;
const MAX_BITS = 18;

export interface EmOptions {
  /** Random pairs sampled for u (default 50,000). */
  randomPairs?: number;
  /** Blocked pairs used for m (default 50,000). */
  maxBlockedPairs?: number;
  iterations?: number;
  /** Deterministic sampling (tests, the bench). */
  seed?: number;
}

export interface EmResult {
  weights: MatchWeights;
  /** Estimated share of matches among the blocked pairs. */
  matchShare: number;
  profiles: number;
  pairs: number;
  iterations: number;
}

type Levels = Map<string, string>;

/** The comparison levels of a pair, one per field (address parts separately), missing ones left out. */
function levelsOf(a: MatchSubject, b: MatchSubject): Levels {
  const out: Levels = new Map();
  for (const e of compareSubjects(a, b).evidence) {
    if (e.field === 'address') {
      for (const part of e.level.split(',')) {
        const [k, v] = part.split('=');
        if (k && v && v !== 'missing' && k !== 'country') out.set(`address.${k}`, v);
      }
    } else if (e.level !== 'missing') {
      const key =
        e.field === 'given_name'
          ? 'given'
          : e.field === 'family_name'
            ? 'family'
            : e.field === 'birth_date'
              ? 'birth'
              : e.field;
      out.set(key, e.level);
    }
  }
  return out;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function tableOf(w: MatchWeights, key: string): Record<string, number> | undefined {
  if (key.startsWith('address.')) return w.address[key.slice(8) as keyof MatchWeights['address']];
  return (w as unknown as Record<string, Record<string, number>>)[key];
}

/** Estimates the organisation's weights; undefined when it is too small (use the defaults). */
export function estimateWeights(subjects: readonly MatchSubject[], options: EmOptions = {}): EmResult | undefined {
  const n = subjects.length;
  if (n < EM_MIN_PROFILES) return undefined;
  const random = rng(options.seed ?? 1);

  // u: level frequencies among random pairs (nearly all of them different people).
  const uCount = new Map<string, Map<string, number>>();
  const uTotal = new Map<string, number>();
  const randomPairs = options.randomPairs ?? 50_000;
  for (let k = 0; k < randomPairs; k++) {
    const i = Math.floor(random() * n);
    const j = Math.floor(random() * n);
    if (i === j) continue;
    for (const [field, level] of levelsOf(subjects[i]!, subjects[j]!)) {
      const m = uCount.get(field) ?? uCount.set(field, new Map()).get(field)!;
      m.set(level, (m.get(level) ?? 0) + 1);
      uTotal.set(field, (uTotal.get(field) ?? 0) + 1);
    }
  }
  // Laplace smoothing: a level never seen among random pairs is rare, not impossible.
  const u = (field: string, level: string) => {
    const levels = uCount.get(field);
    const total = uTotal.get(field) ?? 0;
    return ((levels?.get(level) ?? 0) + 0.5) / (total + 1);
  };

  // Blocked pairs: the candidates the resolver would compare.
  const byKey = new Map<string, number[]>();
  subjects.forEach((s, i) => {
    for (const k of blockingKeys(s)) (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(i);
  });
  const seen = new Set<number>();
  const pairs: Levels[] = [];
  const maxPairs = options.maxBlockedPairs ?? 50_000;
  outer: for (const members of byKey.values()) {
    if (members.length > 200) continue;
    for (let a = 0; a < members.length; a++)
      for (let b = a + 1; b < members.length; b++) {
        const key = members[a]! * n + members[b]!;
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push(levelsOf(subjects[members[a]!]!, subjects[members[b]!]!));
        if (pairs.length >= maxPairs) break outer;
      }
  }
  if (pairs.length < EM_MIN_PAIRS) return undefined;

  // m: start from the defaults (m ∝ u·2^w), then EM with u fixed.
  const m = new Map<string, Map<string, number>>();
  for (const [field, levels] of uCount) {
    const table = tableOf(WEIGHTS, field);
    const row = new Map<string, number>();
    let sum = 0;
    for (const level of levels.keys()) {
      const v = u(field, level) * 2 ** (table?.[level] ?? 0);
      row.set(level, v);
      sum += v;
    }
    for (const [level, v] of row) row.set(level, v / sum);
    m.set(field, row);
  }
  let share = 0.1;
  const iterations = options.iterations ?? 15;
  const posterior = new Float64Array(pairs.length);
  for (let it = 0; it < iterations; it++) {
    const prior = Math.log2(share / (1 - share));
    pairs.forEach((p, idx) => {
      let bits = prior;
      for (const [field, level] of p)
        bits += Math.log2((m.get(field)?.get(level) ?? u(field, level)) / u(field, level));
      posterior[idx] = 1 / (1 + 2 ** -Math.max(-60, Math.min(60, bits)));
    });
    const num = new Map<string, Map<string, number>>();
    const den = new Map<string, number>();
    let total = 0;
    pairs.forEach((p, idx) => {
      const w = posterior[idx]!;
      total += w;
      for (const [field, level] of p) {
        const row = num.get(field) ?? num.set(field, new Map()).get(field)!;
        row.set(level, (row.get(level) ?? 0) + w);
        den.set(field, (den.get(field) ?? 0) + w);
      }
    });
    share = Math.max(1e-4, Math.min(0.9999, total / pairs.length));
    for (const [field, row] of num) {
      const d = den.get(field) ?? 0;
      const out = new Map<string, number>();
      for (const [level, v] of row) out.set(level, (v + 0.01) / (d + 0.01 * row.size));
      m.set(field, out);
    }
  }

  // Weights: log2(m/u) per level, bounded, keeping each default's sign.
  const weights = structuredClone<MatchWeights>(WEIGHTS);
  for (const [field, row] of m) {
    const table = tableOf(weights, field);
    if (!table) continue;
    for (const [level, mv] of row) {
      if (!(level in table)) continue;
      const def = table[level]!;
      let w = Math.log2(mv / u(field, level));
      w = Math.max(MIN_BITS, Math.min(MAX_BITS, w));
      // Never less than half the default's evidence either way (a level rare in the data is not noise).
      if (def > 0) w = Math.max(def / 2, w);
      if (def < 0) w = Math.min(def / 2, w);
      table[level] = Math.round(w * 100) / 100;
    }
  }
  return { weights, matchShare: share, profiles: n, pairs: pairs.length, iterations };
}
