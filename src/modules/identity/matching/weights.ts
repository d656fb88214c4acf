import type { NamePartLevel } from './names.ts';

/**
 * Evidence weights in bits (log2 of how much likelier the observation is for the same person than
 * for two different people), Fellegi-Sunter style. Fixed in advance: set from what the fields mean
 * in a hotel database, then adjusted once on FEBRL 1–3 (never on FEBRL 4 or fake_1000). A missing
 * value weighs nothing.
 *
 * 2026-12-07 (idqual): e-mail `same` 12 → 14 and `similar` 5 → 8 (a similar address now also covers
 * one or two slips anywhere in it, compare.ts). Two different people practically never share a
 * personal mailbox (u ≪ 2^-14); the cases where they do — a family or a couple — are the hard rule's
 * (another first name → related, another birth date → blocked). With 14 bits, the same e-mail and
 * the same birth date merge without a name; the same name and birth date alone (23 bits) still do
 * not. The birth date stays at 10 bits on purpose: more would merge two namesakes born the same day
 * on name and birth date alone. FEBRL has no e-mail: its figures do not move.
 */
export interface MatchWeights {
  given: Record<NamePartLevel, number>;
  family: Record<NamePartLevel, number>;
  swapPenalty: number;
  birth: Record<'exact' | 'typo' | 'day_month_swapped' | 'missing' | 'different', number>;
  email: Record<'same' | 'similar' | 'different', number>;
  phone: Record<'same' | 'different', number>;
  document: Record<'same' | 'typo' | 'different', number>;
  address: Record<'number' | 'street' | 'line2' | 'city' | 'postcode' | 'region' | 'country', Record<string, number>>;
}

export const WEIGHTS: MatchWeights = {
  given: {
    exact: 6,
    nickname: 5,
    subset: 4.5,
    typo: 4,
    similar: 1.5,
    initial: 1,
    missing: 0,
    different: -4,
  } satisfies Record<NamePartLevel, number>,
  family: {
    exact: 7,
    nickname: 5,
    subset: 5,
    typo: 4.5,
    similar: 2,
    initial: 1,
    missing: 0,
    different: -4,
  } satisfies Record<NamePartLevel, number>,
  /** Taken off when the names match only once first and last name are swapped. */
  swapPenalty: 1,
  birth: { exact: 10, typo: 5, day_month_swapped: 5, missing: 0, different: -6 },
  email: { same: 14, similar: 8, different: -1 },
  phone: { same: 12, different: -1 },
  document: { same: 15, typo: 6, different: -6 },
  address: {
    number: { exact: 3, typo: 1, missing: 0, different: -1.5 },
    street: { exact: 6, close: 5, similar: 2.5, missing: 0, different: -2 },
    line2: { exact: 2, close: 1.5, similar: 0.5, missing: 0, different: -0.5 },
    city: { exact: 4, close: 3.5, similar: 1.5, missing: 0, different: -2 },
    postcode: { exact: 5, typo: 2, missing: 0, different: -2 },
    region: { exact: 0.5, close: 0.3, similar: 0, missing: 0, different: -1 },
    country: { different: -3 },
  },
};

/**
 * Decision thresholds in bits of evidence (log2 likelihood ratio), ONE automatic and ONE review
 * threshold per organisation mode, fixed in advance (issue 14): chosen on FEBRL 1 and 2 only (the
 * lowest automatic threshold that kept automatic precision 1.0000 on both with a margin), then
 * FEBRL 3, FEBRL 4 and fake_1000 were run once with them (BENCHMARKS.md). As a probability
 * (prior odds 1 in 2^14, PRIOR_BITS), `weightToProbability`:
 * - balanced (default): automatic merge from 24 bits (p ≥ 0.999), review queue from 12 bits (p ≥ 0.2);
 * - cautious: automatic merge from 30 bits (p ≥ 0.99998), review queue from 12 bits.
 * The hard rules (decide.ts) block an automatic merge whatever the weight.
 */
export const THRESHOLDS = {
  balanced: { auto: 24, review: 12 },
  cautious: { auto: 30, review: 12 },
  /** Two namesakes without contact data are flagged unless the rest disagrees by more than 3 bits (SPEC I-2 (3)). */
  namesake: 10,
} as const;

export function thresholdsFor(mode: 'balanced' | 'cautious' | undefined): { auto: number; review: number } {
  return THRESHOLDS[mode ?? 'balanced'];
}

/** Bits added to turn a weight into a probability for display (prior odds of 1 in 2^14). */
export const PRIOR_BITS = -14;

/** The weight as a probability in [0, 1] (what the review queue shows as its score). */
export function weightToProbability(weight: number): number {
  return 1 / (1 + 2 ** -(weight + PRIOR_BITS));
}
