import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dates (YYYY-MM-DD stay dates, shown as calendar days) and money in the customer's language. */
export function useAccountFormat() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const lang = i18n.language;
    const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
    const longDay = new Intl.DateTimeFormat(lang, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    return {
      stayDate: (d: string) => day.format(new Date(`${d}T00:00:00Z`)),
      longStayDate: (d: string) => longDay.format(new Date(`${d}T00:00:00Z`)),
      money: (amount: number, currency: string) => {
        try {
          return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(amount);
        } catch {
          return `${amount.toFixed(2)} ${currency}`;
        }
      },
    };
  }, [i18n.language]);
}

export const statusColor: Record<string, string> = {
  confirmed: 'teal',
  in_house: 'blue',
  checked_out: 'gray',
  cancelled: 'red',
  no_show: 'orange',
};

/** Upcoming: not cancelled and not yet over. */
export const isUpcoming = (b: { checkOut: string; status: string }) =>
  b.status !== 'cancelled' && b.checkOut >= new Date().toISOString().slice(0, 10);
