import type { Comparison, Evidence, MatchModel } from './compare.ts';
import { explainInWords } from './explain.ts';
import { isPositive } from './names.ts';
import { THRESHOLDS, weightToProbability } from './weights.ts';

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
 * SPEC I-2 rules (2)–(4) on one comparison. Precision first: a shared key links only with a
 * positively compatible name and nothing that contradicts it (another birth date, another ID).
 */
export function decideMatch(c: Comparison, settings: MatchSettings = DEFAULT_MATCH_SETTINGS): Decision {
  const { name, birth } = c;
  const contradicted = birth === 'different' || c.documentConflict;
  const familyOk = isPositive(name.family) || name.family === 'missing';
  const keys = c.sharedKeys;

  // Point 1 of issue 14: enough evidence over all fields merges on its own, within the hard rules.
  const byEvidence = () => evidenceSuffices(c, settings);

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
    if (byEvidence()) return decision('same', 'evidence', c);
    return decision(c.weight >= THRESHOLDS.review ? 'candidate' : 'distinct', 'key_name_unclear', c);
  }

  if (byEvidence()) return decision('same', 'evidence', c);
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

/**
 * The evidence path: total weight over the mode's threshold, and none of the hard rules against
 * it — no other birth date (a typo or a day/month swap is not another date), no other document
 * number, no clearly different first or last name (families, twins, namesakes), at least one name
 * part that agrees, and evidence beyond the names (name alone is `matchOnNameAlone`'s business).
 */
function evidenceSuffices(c: Comparison, settings: MatchSettings): boolean {
  const { name } = c;
  if (c.birth === 'different' || c.documentConflict) return false;
  // An ID number is personal: with the same one, a name written differently does not block.
  const byDocument = c.sharedKeys.some((k) => k.kind === 'document');
  if (!byDocument) {
    // Another first name: family, twins, namesakes. Never merged on evidence.
    if (name.given === 'different') return false;
    // Another surname (a married name, a slip): only with the same first name and birth date.
    if (name.family === 'different' && !(isPositive(name.given) && c.birth !== 'missing')) return false;
    // At least one name part must agree; a merely similar spelling only with the birth date.
    const birthAgrees = c.birth === 'exact' || c.birth === 'typo' || c.birth === 'day_month_swapped';
    const resembles = name.given === 'similar' || name.family === 'similar';
    if (!isPositive(name.given) && !isPositive(name.family) && !(resembles && birthAgrees)) return false;
  }
  if (c.weight < THRESHOLDS.auto[settings.mode ?? 'balanced']) return false;
  // Something personal must agree (birth date, e-mail, phone, document): a name and a home are
  // shared by a father and son of the same name.
  const personal = c.evidence.some(
    (e) =>
      (e.field === 'birth_date' || e.field === 'email' || e.field === 'phone' || e.field === 'document') &&
      e.weight > 0,
  );
  if (!personal) return false;
  let other = 0;
  for (const e of c.evidence) if (e.field !== 'given_name' && e.field !== 'family_name') other += e.weight;
  return other >= THRESHOLDS.autoOtherThanName;
}
