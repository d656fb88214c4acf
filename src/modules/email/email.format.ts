import type { EmailLanguage } from './email.events.ts';

/** How placeholder values are written for one recipient: their language and the hotel's time zone. */
export interface EmailFormat {
  language: EmailLanguage;
  /** IANA time zone of the property (`property.timezone`); unknown names fall back to UTC. */
  timeZone: string;
}

const LOCALES: Record<EmailLanguage, string> = { en: 'en-GB', es: 'es-ES', fr: 'fr-FR' };
/** Placeholders that carry an amount (in `currency`), a calendar date, or a moment. */
const MONEY = new Set(['total']);
const DATES = new Set(['checkIn', 'checkOut']);
const MOMENTS = new Set(['expiresAt']);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A valid IANA zone, else UTC (the stored value is free text). */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/**
 * One placeholder value as the recipient reads it: amounts as money in their language
 * ("290,00 €"), stay dates as dates ("18 de diciembre de 2026"), moments (a link's expiry) as
 * date and time in the property's time zone with its name. Anything else as text.
 */
export function formatPlaceholder(
  name: string,
  value: unknown,
  data: Record<string, unknown>,
  format: EmailFormat,
): string {
  if (value == null) return '';
  const locale = LOCALES[format.language];
  if (MONEY.has(name) && (typeof value === 'number' || (typeof value === 'string' && value.trim() !== ''))) {
    const amount = Number(value);
    const currency = typeof data.currency === 'string' ? data.currency : undefined;
    if (Number.isFinite(amount) && currency && /^[A-Z]{3}$/.test(currency)) {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
    }
  }
  if (DATES.has(name) && typeof value === 'string' && ISO_DATE.test(value)) {
    // A stay date is a calendar day, the same everywhere: formatted in UTC so it never shifts.
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  }
  const moment =
    value instanceof Date ? value : typeof value === 'string' && ISO_MOMENT.test(value) ? new Date(value) : undefined;
  if ((MOMENTS.has(name) || value instanceof Date) && moment && !Number.isNaN(moment.getTime())) {
    const timeZone = safeTimeZone(format.timeZone);
    const text = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(moment);
    return `${text} (${zoneName(moment, locale, timeZone)})`;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

function zoneName(moment: Date, locale: string, timeZone: string): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(moment)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
