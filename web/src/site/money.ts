import { useTranslation } from 'react-i18next';

/** Formats an amount in a currency for the current language. */
export function useMoney() {
  const { i18n } = useTranslation();
  return (amount: number, currency: string) =>
    new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(amount);
}

/** A date (YYYY-MM-DD) as the current language writes it, without time-zone shifts. */
export function useStayDate() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  return (date: string) => format.format(new Date(`${date}T00:00:00Z`));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "1 night" / "3 nights": picks `<base>.one` or `<base>.other` (same forms in en, es, fr) with {{n}}. */
export function countText(t: (key: string, options: Record<string, unknown>) => string, base: string, n: number) {
  return t(`${base}.${n === 1 ? 'one' : 'other'}`, { n });
}
