import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Locale-aware formatters (Intl) bound to the current UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const number = new Intl.NumberFormat(locale);
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));
    return {
      date: (value: string | Date) => date.format(toDate(value)),
      dateTime: (value: string | Date) => dateTime.format(toDate(value)),
      number: (value: number) => number.format(value),
      /** "3 days ago", "yesterday", "in 2 hours" in the current language. */
      relative: (value: string | Date) => formatRelative(relative, toDate(value)),
    };
  }, [locale]);
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

function formatRelative(format: Intl.RelativeTimeFormat, value: Date): string {
  const seconds = Math.round((value.getTime() - Date.now()) / 1000);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}
