import { cleanCell } from './text.ts';

/** How a file writes ambiguous numeric dates: 03/05/2026 is 3 May (d/m/Y) or March 5 (M/D/YYYY). */
export type DateOrder = 'dmy' | 'mdy';

export type DateResult =
  /** A full date, `YYYY-MM-DD`. */
  | { ok: true; date: string }
  /** A day without a year (Google's "--05-03"), `--MM-DD`. */
  | { ok: true; monthDay: string }
  | { ok: false; code: 'invalid_date' | 'impossible_date'; value: string };

const pad = (n: number): string => String(n).padStart(2, '0');

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last;
}

function fullYear(year: number, digits: number): number {
  if (digits > 2) return year;
  // Two-digit years: 00–29 are this century, 30–99 the last (birth dates and bookings alike).
  return year < 30 ? 2000 + year : 1900 + year;
}

function build(year: number, month: number, day: number, value: string): DateResult {
  if (year < 1000 || year > 9999 || !isRealDate(year, month, day)) {
    return {
      ok: false,
      code: month >= 1 && month <= 12 && day >= 1 && day <= 31 ? 'impossible_date' : 'invalid_date',
      value,
    };
  }
  return { ok: true, date: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * Excel's serial day number (1900 date system, with its phantom 29 February 1900) to a date.
 * Only plausible serials are accepted: 1 (1900-01-01) to 2958465 (9999-12-31).
 */
export function excelSerialToDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return undefined;
  const whole = Math.floor(serial);
  const days = whole > 59 ? whole - 1 : whole; // Excel counts 1900-02-29, which never was.
  const time = Date.UTC(1899, 11, 31) + days * 86_400_000;
  const date = new Date(time);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

const EMPTY_DATES = /^(?:0{1,4}[-/.]0{1,2}[-/.]0{1,4}|0{1,2}[-/.]0{1,2}[-/.]0{1,4})(?:[ T].*)?$/;

/**
 * Reads a date: ISO (`2026-05-03`, with or without a time), numeric dates in the file's order
 * (`03/05/2026` d/m/Y, or M/D/YYYY for files from the United States), `--05-03` and `03/25`
 * (no year) and
 * Excel serial numbers (`46145`). Empty, `0/0/00` and `0000-00-00` mean no date (undefined).
 * 31 February is `impossible_date`; anything else unreadable is `invalid_date`.
 */
export function parseDate(input: string, order: DateOrder): DateResult | undefined {
  const value = cleanCell(input);
  if (!value || EMPTY_DATES.test(value)) return undefined;

  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    value,
  );
  if (match) return build(Number(match[1]), Number(match[2]), Number(match[3]), value);

  match = /^--(\d{2})-?(\d{2})$/.exec(value);
  if (match) {
    const month = Number(match[1]);
    const day = Number(match[2]);
    // 2024 is a leap year, so --02-29 (a leap-day birthday) is accepted.
    if (!isRealDate(2024, month, day)) return { ok: false, code: 'impossible_date', value };
    return { ok: true, monthDay: `--${pad(month)}-${pad(day)}` };
  }

  // Mailchimp birthdays: "MM/DD" (or "DD/MM" in a day-first file), no year.
  match = /^(\d{1,2})\/(\d{1,2})$/.exec(value);
  if (match) {
    const [month, day] = order === 'mdy' ? [Number(match[1]), Number(match[2])] : [Number(match[2]), Number(match[1])];
    if (!isRealDate(2024, month, day))
      return { ok: false, code: month <= 12 && day <= 31 ? 'impossible_date' : 'invalid_date', value };
    return { ok: true, monthDay: `--${pad(month)}-${pad(day)}` };
  }

  match = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(value);
  if (match) return build(Number(match[1]), Number(match[2]), Number(match[3]), value);

  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T,]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?$/.exec(
    value,
  );
  if (match) {
    const a = Number(match[1]);
    const b = Number(match[2]);
    const year = fullYear(Number(match[3]), match[3]!.length);
    const [day, month] = order === 'mdy' ? [b, a] : [a, b];
    return build(year, month, day, value);
  }

  if (/^\d{1,7}(?:\.\d+)?$/.test(value)) {
    const date = excelSerialToDate(Number(value));
    if (date) return { ok: true, date };
  }
  return { ok: false, code: 'invalid_date', value };
}
