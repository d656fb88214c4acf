import type { Comparison, Evidence, MatchModel } from './compare.ts';
import { explainInWords } from './explain.ts';
import { isPositive } from './names.ts';
import { THRESHOLDS, thresholdsFor, weightToProbability } from './weights.ts';

/** Organisation settings that change the decisions. */
export interface MatchSettings {
  /** SPEC I-2 (3): link two records with the same first + last name and no contact data. Off by default. */
  matchOnNameAlone: boolean;
  /** Settings → Identity: how much evidence an automatic merge needs (default balanced). */
  mode?: MatchMode;
  /** The organisation's model (name frequencies, EM weights), built offline. */
  model?: MatchModel;
}

export type MatchMode = 'balanced' | 'cautious';

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
  | 'evidence'
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
  evidence: 'the fields together make it almost certainly the same person',
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
      reasons ??= [
        RULE_TEXT[rule],
        `in words: ${explainInWords(c)}`,
        ...c.sharedKeys.map((k) => `shared ${k.kind}`),
        ...c.evidence.map(describe),
      ];
      return reasons;
    },
  };
}

/**
 * SPEC I-2 rules (2)–(4) on one comparison, issue 14. The hard rules come first and are the only
 * rules that can stop an automatic merge; everything else is the match probability (the weight,
 * Fellegi–Sunter bits) against the mode's two thresholds:
 * - an OTA relay address is never a key (`prepareSubject` leaves it out of `emailKeys`);
 * - a shared e-mail or phone with a clearly different first name is `related` (family, colleagues);
 * - another birth date (not a one-digit typo or a day/month swap), another document number, or a
 *   clearly different first name without a shared document (families, twins) block an automatic merge;
 * - the same name and nothing else links only with `matchOnNameAlone`.
 */
export function decideMatch(c: Comparison, settings: MatchSettings = DEFAULT_MATCH_SETTINGS): Decision {
  const { name, birth } = c;
  const contradicted = birth === 'different' || c.documentConflict;
  const keys = c.sharedKeys;
  const byDocument = keys.some((k) => k.kind === 'document');
  const otherFirstName = name.given === 'different' && !byDocument;
  const t = thresholdsFor(settings.mode);

  if (keys.length > 0 && otherFirstName) return decision('related', 'key_but_different_first_name', c);
  const blocked = contradicted || otherFirstName;

  if (keys.length > 0) {
    // Rule (2): a shared key with a positively compatible name and nothing against it.
    const familyOk = isPositive(name.family) || name.family === 'missing';
    const givenOk = isPositive(name.given);
    const nameOk =
      (givenOk && familyOk) ||
      // "J. García" or no first name at all: only with the same birth date.
      ((name.given === 'initial' || name.given === 'missing') && isPositive(name.family) && birth === 'exact') ||
      // An ID document is personal: agreeing names are enough even when one part is missing.
      (byDocument && (givenOk || isPositive(name.family)) && name.family !== 'different');
    if (nameOk && !blocked) return decision('same', 'key_and_compatible_name', c);
    if (!blocked && c.weight >= t.auto) return decision('same', 'evidence', c);
    return decision(c.weight >= t.review ? 'candidate' : 'distinct', 'key_name_unclear', c);
  }

  const exactName = name.given === 'exact' && name.family === 'exact';
  const nameOnly = c.evidence.every((e) => e.field === 'given_name' || e.field === 'family_name' || e.weight === 0);
  if (exactName && !c.contact[0] && !c.contact[1] && settings.matchOnNameAlone && !contradicted)
    return decision('same', 'name_alone', c);
  // Point 1 of issue 14: the evidence of all fields merges on its own within the hard rules; the
  // same name with nothing else is rule (3)'s business (matchOnNameAlone), never the evidence's.
  if (!blocked && !nameOnly && c.weight >= t.auto) return decision('same', 'evidence', c);
  if (exactName && !c.contact[0] && !c.contact[1]) {
    if (!contradicted && c.weight >= THRESHOLDS.namesake) return decision('candidate', 'namesake_without_contact', c);
  }
  // Rule (4) needs a resembling name: a different first or last name only with the same birth date.
  const nameResembles = (name.given !== 'different' && name.family !== 'different') || birth === 'exact';
  // "Name similarity plus phone, e-mail, address, birth date": when both have contact data and
  // share none, the name alone is not a resemblance (namesakes are common: a chain has hundreds
  // of María García, each with her own e-mail) — something else must agree.
  const otherAgrees = c.evidence.some((e) => e.field !== 'given_name' && e.field !== 'family_name' && e.weight > 0);
  const contactsDiffer = c.contact[0] && c.contact[1];
  if (nameResembles && c.weight >= t.review && (otherAgrees || !contactsDiffer))
    return decision('candidate', 'resemblance', c);
  return decision('distinct', 'no_resemblance', c);
}
