/**
 * The organisation's own match model: how common each first name and surname is among its
 * profiles (term frequencies) and, when estimated, m/u weights per comparison level (em.ts).
 * Built offline (a job, the bench, a rescan) and passed in with the settings; never per request.
 */

/** How often folded given-name / surname values occur among the organisation's profiles. */
export interface NameFrequencies {
  /** Profiles counted. */
  total: number;
  given: ReadonlyMap<string, number>;
  family: ReadonlyMap<string, number>;
  /** Probability that two random profiles share the exact given / family value (Σ p²). */
  givenCollision: number;
  familyCollision: number;
  /** Values counted (profiles with that part present). */
  givenCount: number;
  familyCount: number;
}

/** Below this many profiles, frequencies are too noisy: no term-frequency adjustment. */
export const MIN_PROFILES_FOR_TF = 500;
/** The adjustment is kept within ± this many bits (a name seen once is not proof). */
export const MAX_TF_BITS = 4;

export interface NameFrequencyInput {
  given: string;
  family: string;
}

/** Counts folded name values (as `prepareName` gives them: `givenKey`, `familyKey`). */
export function buildNameFrequencies(names: Iterable<NameFrequencyInput>): NameFrequencies {
  const given = new Map<string, number>();
  const family = new Map<string, number>();
  let total = 0;
  for (const n of names) {
    total++;
    if (n.given) given.set(n.given, (given.get(n.given) ?? 0) + 1);
    if (n.family) family.set(n.family, (family.get(n.family) ?? 0) + 1);
  }
  const collision = (m: Map<string, number>) => {
    let n = 0;
    for (const c of m.values()) n += c;
    let s = 0;
    for (const c of m.values()) s += (c / n) * (c / n);
    return n > 0 ? s : 0;
  };
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return {
    total,
    given,
    family,
    givenCollision: collision(given),
    familyCollision: collision(family),
    givenCount: sum(given),
    familyCount: sum(family),
  };
}

/**
 * Term-frequency adjustment in bits for an exact agreement on `value` (Splink's approach): the
 * level's weight assumes an average name (u = Σ p²); a name of frequency p is log2(u / p) bits
 * stronger (rare, "Etxeberria") or weaker (common, "García") evidence.
 */
export function tfAdjustment(freq: NameFrequencies | undefined, part: 'given' | 'family', value: string): number {
  if (!freq || freq.total < MIN_PROFILES_FOR_TF || !value) return 0;
  const counts = part === 'given' ? freq.given : freq.family;
  const collision = part === 'given' ? freq.givenCollision : freq.familyCollision;
  const n = part === 'given' ? freq.givenCount : freq.familyCount;
  const count = Math.max(1, counts.get(value) ?? 1);
  const p = count / Math.max(1, n);
  if (collision <= 0) return 0;
  const bits = Math.log2(collision / p);
  return Math.max(-MAX_TF_BITS, Math.min(MAX_TF_BITS, bits));
}
