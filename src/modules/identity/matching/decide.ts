import type { Comparison, Evidence } from './compare.ts';
import { isPositive } from './names.ts';
import { THRESHOLDS, weightToProbability } from './weights.ts';

/** Organisation settings that change the decisions. */
export interface MatchSettings {
  /** SPEC I-2 (3): link two records with the same first + last name and no contact data. Off by default. */
  matchOnNameAlone: boolean;
}

export const DEFAULT_MATCH_SETTINGS: MatchSettings = { matchOnNameAlone: false };

/**
 * - `same`: the same person, linked automatically.
 * - `related`: the same e-mail/phone but another first name (family, colleagues): kept apart, shown as related.
 * - `candidate`: a possible duplicate for the review queue.
 * - `distinct`: nothing to do.
 */
export type DecisionKind = 'same' | 'related' | 'candidate' | 'distinct';

/** Which rule of SPEC I-2 decided (rule (1), the account key, is applied before matching). */
export type DecisionRule =
  | 'key_and_compatible_name'
  | 'key_but_different_first_name'
  | 'key_name_unclear'
  | 'name_alone'
  | 'namesake_without_contact'
  | 'resemblance'
  | 'no_resemblance';

export interface Decision {
  kind: DecisionKind;
  rule: DecisionRule;
  /** Probability-like score in [0, 1] derived from the weight (for sorting and display). */
  score: number;
  weight: number;
  /** Human-readable: the rule, then every field that counted. */
  reasons: string[];
}

function describe(e: Evidence): string {
  const sign = e.weight >= 0 ? '+' : '';
  return `${e.field}=${e.level}${e.detail ? ` (${e.detail})` : ''} ${sign}${e.weight.toFixed(1)}`;
}

const RULE_TEXT: Record<DecisionRule, string> = {
  key_and_compatible_name: 'same e-mail/phone/document and a compatible name',
  key_but_different_first_name: 'same e-mail/phone but a different first name: another person (related)',
  key_name_unclear: 'same e-mail/phone/document but the name does not confirm it',
  name_alone: 'same first and last name, no contact data, match on name alone is on',
  namesake_without_contact:
    'same first and last name, neither has an e-mail or phone: flagged (match on name alone is off)',
  resemblance: 'resembles an existing profile',
  no_resemblance: 'no resemblance',
};

function decision(kind: DecisionKind, rule: DecisionRule, c: Comparison): Decision {
  let reasons: string[] | undefined;
  return {
    kind,
    rule,
    score: weightToProbability(c.weight),
    weight: c.weight,
    // Written out when read: most comparisons end "distinct" and nobody reads why.
    get reasons() {
      reasons ??= [RULE_TEXT[rule], ...c.sharedKeys.map((k) => `shared ${k.kind}`), ...c.evidence.map(describe)];
      return reasons;
    },
  };
}

/**
 * SPEC I-2 rules (2)–(4) on one comparison. Precision first: a shared key links only with a
 * positively compatible name and nothing that contradicts it (another birth date, another ID).
 */
export function decideMatch(c: Comparison, settings: MatchSettings = DEFAULT_MATCH_SETTINGS): Decision {
  const { name, birth } = c;
  const contradicted = birth === 'different' || c.documentConflict;
  const familyOk = isPositive(name.family) || name.family === 'missing';
  const keys = c.sharedKeys;

  if (keys.length > 0) {
    const byDocument = keys.some((k) => k.kind === 'document');
    if (name.given === 'different' && !byDocument) return decision('related', 'key_but_different_first_name', c);
    const givenOk = isPositive(name.given);
    const birthConfirms = birth === 'exact';
    const nameOk =
      (givenOk && familyOk) ||
      // "J. García" or no first name at all: only with the same birth date.
      ((name.given === 'initial' || name.given === 'missing') && isPositive(name.family) && birthConfirms) ||
      // An ID document is personal: agreeing names are enough even when one part is missing.
      (byDocument && (givenOk || isPositive(name.family)) && name.given !== 'different' && name.family !== 'different');
    if (nameOk && !contradicted) return decision('same', 'key_and_compatible_name', c);
    return decision(c.weight >= THRESHOLDS.review ? 'candidate' : 'distinct', 'key_name_unclear', c);
  }

  const exactName = name.given === 'exact' && name.family === 'exact';
  if (exactName && !c.contact[0] && !c.contact[1]) {
    if (settings.matchOnNameAlone && !contradicted) return decision('same', 'name_alone', c);
    if (!contradicted && c.weight >= THRESHOLDS.namesake) return decision('candidate', 'namesake_without_contact', c);
  }
  // Rule (4) needs a resembling name: a different first or last name only with the same birth date.
  const nameResembles = (name.given !== 'different' && name.family !== 'different') || birth === 'exact';
  // "Name similarity plus phone, e-mail, address, birth date": when both have contact data and
  // share none, the name alone is not a resemblance (namesakes are common: a chain has hundreds
  // of María García, each with her own e-mail) — something else must agree.
  const otherAgrees = c.evidence.some((e) => e.field !== 'given_name' && e.field !== 'family_name' && e.weight > 0);
  const contactsDiffer = c.contact[0] && c.contact[1];
  if (nameResembles && c.weight >= THRESHOLDS.review && (otherAgrees || !contactsDiffer))
    return decision('candidate', 'resemblance', c);
  return decision('distinct', 'no_resemblance', c);
}
