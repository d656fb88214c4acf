import type { Comparison } from './compare.ts';

/**
 * The evidence in words a receptionist understands (issue 14, point 4), in English; stored with
 * the decision's reasons. "same phone and birth date; surname differs by one letter".
 */
export function explainInWords(c: Comparison): string {
  const same: string[] = [];
  const notes: string[] = [];
  const level = (field: string) => c.evidence.find((e) => e.field === field);
  const part = (field: 'given_name' | 'family_name', label: string) => {
    const e = level(field);
    if (!e) return;
    switch (e.level) {
      case 'exact':
        same.push(label);
        break;
      case 'nickname':
        notes.push(`${label}: a nickname of the other`);
        break;
      case 'subset':
        notes.push(`${label}: one has more names`);
        break;
      case 'typo':
        notes.push(`${label} differs by a letter or two`);
        break;
      case 'similar':
        notes.push(`${label} spelt similarly`);
        break;
      case 'initial':
        notes.push(`${label}: only an initial`);
        break;
      case 'different':
        notes.push(`${label} differs`);
        break;
    }
  };
  part('given_name', 'first name');
  part('family_name', 'surname');
  if (c.name.swapped) notes.push('first and last name swapped');
  const birth = level('birth_date')?.level;
  if (birth === 'exact') same.push('birth date');
  else if (birth === 'typo') notes.push('birth date differs by one digit');
  else if (birth === 'day_month_swapped') notes.push('birth date with day and month swapped');
  else if (birth === 'different') notes.push('another birth date');
  for (const [field, label] of [
    ['email', 'e-mail'],
    ['phone', 'phone'],
    ['document', 'ID document'],
  ] as const) {
    const l = level(field)?.level;
    if (l === 'same') same.push(label);
    else if (l === 'similar' || l === 'typo') notes.push(`almost the same ${label}`);
    else if (l === 'different') notes.push(`another ${label}`);
  }
  const address = level('address');
  if (address && address.level !== 'missing') {
    if (address.weight >= 10) same.push('address');
    else if (address.weight > 0) notes.push('address partly the same');
    else notes.push('another address');
  }
  const head = same.length > 0 ? `same ${joinWords(same)}` : '';
  return [head, ...notes].filter(Boolean).join('; ') || 'nothing in common';
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
