import type { Comparison, Evidence } from './compare.ts';

/**
 * The evidence in words a receptionist understands (issue 14, point 4): reason codes with their
 * parameters, which the UI translates ("same phone and birth date; surname differs by a letter
 * or two"), and the same in English, stored with the decision's reasons.
 */

export type ExplainField = Evidence['field'];

type NameCode = 'nickname' | 'more_names' | 'typo' | 'similar' | 'initial' | 'different';

/** One part of an explanation. `fields` (for `same`) are in the order they read best. */
export type Explanation =
  | { code: 'same'; fields: ExplainField[] }
  | { code: NameCode | 'common_name' | 'rare_name'; field: 'given_name' | 'family_name' }
  | { code: 'almost_same' | 'other_value'; field: 'email' | 'phone' | 'document' }
  | {
      code:
        | 'names_swapped'
        | 'birth_typo'
        | 'birth_day_month_swapped'
        | 'birth_different'
        | 'address_partly_same'
        | 'address_different'
        | 'nothing_in_common';
    };

/** The codes of one comparison's evidence (`swapped`: names matched once first and last were swapped). */
export function explainEvidence(evidence: readonly Evidence[], swapped: boolean): Explanation[] {
  const same: ExplainField[] = [];
  const notes: Explanation[] = [];
  const level = (field: ExplainField) => evidence.find((e) => e.field === field);
  const part = (field: 'given_name' | 'family_name') => {
    const e = level(field);
    if (!e) return;
    const code = NAME_CODES[e.level];
    if (code === 'same') same.push(field);
    else if (code) notes.push({ code, field });
  };
  part('given_name');
  part('family_name');
  if (swapped) notes.push({ code: 'names_swapped' });
  const birth = level('birth_date')?.level;
  if (birth === 'exact') same.push('birth_date');
  else if (birth === 'typo') notes.push({ code: 'birth_typo' });
  else if (birth === 'day_month_swapped') notes.push({ code: 'birth_day_month_swapped' });
  else if (birth === 'different') notes.push({ code: 'birth_different' });
  for (const field of ['email', 'phone', 'document'] as const) {
    const l = level(field)?.level;
    if (l === 'same') same.push(field);
    else if (l === 'similar' || l === 'typo') notes.push({ code: 'almost_same', field });
    else if (l === 'different') notes.push({ code: 'other_value', field });
  }
  const address = level('address');
  if (address && address.level !== 'missing') {
    if (address.weight >= 10) same.push('address');
    else if (address.weight > 0) notes.push({ code: 'address_partly_same' });
    else notes.push({ code: 'address_different' });
  }
  // How common a name is changes how much it proves ("García" less than "Etxeberria").
  for (const field of ['given_name', 'family_name'] as const) {
    const detail = level(field)?.detail ?? '';
    if (detail.includes('common name')) notes.push({ code: 'common_name', field });
    else if (detail.includes('rare name')) notes.push({ code: 'rare_name', field });
  }
  const out: Explanation[] = same.length ? [{ code: 'same', fields: same }, ...notes] : notes;
  return out.length ? out : [{ code: 'nothing_in_common' }];
}

const NAME_CODES: Partial<Record<string, 'same' | NameCode>> = {
  exact: 'same',
  nickname: 'nickname',
  subset: 'more_names',
  typo: 'typo',
  similar: 'similar',
  initial: 'initial',
  different: 'different',
};

// "given_name=nickname (first/last swapped; common name) +3.2": decide.ts writes one per field.
const EVIDENCE_LINE = /^([a-z_]+)=(\S+)(?: \((.+)\))? ([+-]?\d+(?:\.\d+)?)$/;
const FIELDS = new Set<string>(['given_name', 'family_name', 'birth_date', 'email', 'phone', 'document', 'address']);

/**
 * The codes of a stored decision or queued pair, read back from its reasons (the evidence lines
 * the resolver stores with every decision); none when it stored no evidence (a new profile).
 */
export function explainReasons(reasons: readonly string[]): Explanation[] {
  const evidence: Evidence[] = [];
  for (const text of reasons) {
    const m = EVIDENCE_LINE.exec(text);
    if (!m?.[1] || !m[2] || !m[4] || !FIELDS.has(m[1])) continue;
    evidence.push({
      field: m[1] as ExplainField,
      level: m[2],
      weight: Number(m[4]),
      ...(m[3] ? { detail: m[3] } : {}),
    });
  }
  if (!evidence.length) return [];
  const swapped = evidence.some((e) => e.field === 'given_name' && (e.detail ?? '').includes('first/last swapped'));
  return explainEvidence(evidence, swapped);
}

const LABEL: Record<ExplainField, string> = {
  given_name: 'first name',
  family_name: 'surname',
  birth_date: 'birth date',
  email: 'e-mail',
  phone: 'phone',
  document: 'ID document',
  address: 'address',
};

/** An explanation in English (what is stored with the reasons, for logs and API readers). */
export function explanationInEnglish(items: readonly Explanation[]): string {
  const parts: string[] = [];
  for (const item of items) {
    switch (item.code) {
      case 'same':
        parts.push(`same ${joinWords(item.fields.map((f) => LABEL[f]))}`);
        break;
      case 'nickname':
        parts.push(`${LABEL[item.field]}: a nickname of the other`);
        break;
      case 'more_names':
        parts.push(`${LABEL[item.field]}: one has more names`);
        break;
      case 'typo':
        parts.push(`${LABEL[item.field]} differs by a letter or two`);
        break;
      case 'similar':
        parts.push(`${LABEL[item.field]} spelt similarly`);
        break;
      case 'initial':
        parts.push(`${LABEL[item.field]}: only an initial`);
        break;
      case 'different':
        parts.push(`${LABEL[item.field]} differs`);
        break;
      case 'names_swapped':
        parts.push('first and last name swapped');
        break;
      case 'birth_typo':
        parts.push('birth date differs by one digit');
        break;
      case 'birth_day_month_swapped':
        parts.push('birth date with day and month swapped');
        break;
      case 'birth_different':
        parts.push('another birth date');
        break;
      case 'almost_same':
        parts.push(`almost the same ${LABEL[item.field]}`);
        break;
      case 'other_value':
        parts.push(`another ${LABEL[item.field]}`);
        break;
      case 'address_partly_same':
        parts.push('address partly the same');
        break;
      case 'address_different':
        parts.push('another address');
        break;
      case 'nothing_in_common':
        parts.push('nothing in common');
        break;
      // How common a name is shows in the weights; the stored sentence leaves it out.
      case 'common_name':
      case 'rare_name':
        break;
    }
  }
  return parts.join('; ') || 'nothing in common';
}

/** The comparison in English words, stored with the decision's reasons ("in words: …"). */
export function explainInWords(c: Comparison): string {
  return explanationInEnglish(explainEvidence(c.evidence, c.name.swapped));
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
