import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Explanation } from './duplicates.api.ts';

/**
 * The resolver's reason codes as one sentence in the UI language (issue 14, point 4):
 * "Same phone and birth date; surname differs by a letter or two".
 */
export function useExplanationText() {
  const { t, i18n } = useTranslation();
  return (items: readonly Explanation[]): string => {
    const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
    const field = (f: string) => t(`identityExplain.fields.${f}`);
    const parts = items.flatMap((item) => {
      if (item.code === 'same')
        return [t('identityExplain.same', { fields: list.format((item.fields ?? []).map(field)) })];
      const key = item.field
        ? `identityExplain.codes.${item.code}.${item.field}`
        : `identityExplain.codes.${item.code}`;
      return i18n.exists(key) ? [t(key)] : [];
    });
    const text = parts.join('; ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
}

/** The explanation of a decision or a queued pair; nothing when it stored no evidence. */
export function ExplanationText({ items, size = 'sm' }: { items: readonly Explanation[]; size?: 'xs' | 'sm' }) {
  const explain = useExplanationText();
  if (!items.length) return null;
  return (
    <Text size={size} data-testid="identity-explanation">
      {explain(items)}
    </Text>
  );
}
