import type { z } from 'zod';
import { invalid, type ErrorDetail } from '../../core/errors.ts';

/**
 * How long and how far ahead a stay may be (issue 11, point 7): without limits one booking to
 * 9999-12-31 wrote 2.9 M night rows and blocked the database. Set from the config at start-up
 * (CLIENTELA_MAX_STAY_NIGHTS, CLIENTELA_MAX_YEARS_AHEAD); the defaults hold until then.
 */
export interface StayLimits {
  maxNights: number;
  maxYearsAhead: number;
}

export const DEFAULT_STAY_LIMITS: StayLimits = { maxNights: 365, maxYearsAhead: 5 };
/** No stay, availability or price range starts before this date. */
export const EARLIEST_STAY_DATE = '2000-01-01';
/** The largest amount a `numeric(12, 2)` column (booking total, prices) holds. */
export const MAX_AMOUNT = 9_999_999_999.99;

let current: StayLimits = { ...DEFAULT_STAY_LIMITS };

/** Sets the limits from the validated config (the composition root calls it). */
export function configureStayLimits(limits: StayLimits): void {
  current = { ...limits };
}

/** The limits in force. */
export function stayLimits(): StayLimits {
  return current;
}

/** The last date a stay may end on: today (UTC) plus the allowed years. */
export function latestStayDate(today = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear() + current.maxYearsAhead, today.getUTCMonth(), today.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

/** Nights between two YYYY-MM-DD dates, without listing them. */
export function nightCount(checkIn: string, checkOut: string): number {
  return Math.round((Date.parse(`${checkOut}T00:00:00Z`) - Date.parse(`${checkIn}T00:00:00Z`)) / 86_400_000);
}

/**
 * What is wrong with a stay (or a date range), one detail per field; empty when it is within the
 * limits. A missing date (a partial update) is not checked; the length only when both are there.
 */
export function stayProblems(
  checkIn: string | undefined,
  checkOut: string | undefined,
  fields: { checkIn: string; checkOut: string } = { checkIn: 'checkIn', checkOut: 'checkOut' },
  maxNights = current.maxNights,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const latest = latestStayDate();
  const tooLate = `must be at most ${current.maxYearsAhead} years ahead (on or before ${latest})`;
  for (const [date, field] of [
    [checkIn, fields.checkIn],
    [checkOut, fields.checkOut],
  ] as const) {
    if (date === undefined) continue;
    if (date < EARLIEST_STAY_DATE)
      problems.push({ field, message: `must be on or after ${EARLIEST_STAY_DATE}`, code: 'date_too_early' });
    else if (date > latest) problems.push({ field, message: tooLate, code: 'date_too_late' });
  }
  if (checkIn !== undefined && checkOut !== undefined && nightCount(checkIn, checkOut) > maxNights)
    problems.push({
      field: fields.checkOut,
      message: `at most ${maxNights} nights after ${fields.checkIn}`,
      code: 'stay_too_long',
    });
  return problems;
}

/**
 * A zod refinement: an issue per problem of the object's stay (fields `checkIn`/`checkOut` unless
 * named; `maxNights` overrides the longest stay, e.g. for an availability range).
 */
export function refineStay<T extends object>(
  fields: { checkIn: keyof T & string; checkOut: keyof T & string } = {
    checkIn: 'checkIn' as keyof T & string,
    checkOut: 'checkOut' as keyof T & string,
  },
  options: { maxNights?: number } = {},
) {
  return (value: T, ctx: z.RefinementCtx): void => {
    const date = (k: keyof T) => {
      const v = value[k];
      return typeof v === 'string' ? v : undefined;
    };
    const problems = stayProblems(date(fields.checkIn), date(fields.checkOut), fields, options.maxNights);
    for (const p of problems) {
      ctx.addIssue({
        code: 'custom',
        path: [p.field ?? fields.checkOut],
        message: p.message,
        params: { code: p.code },
      });
    }
  };
}

/** Throws a 400 when a stay is outside the limits (services: the last line of defence for every entry point). */
export function assertStayWithinLimits(checkIn: string, checkOut: string): void {
  const problems = stayProblems(checkIn, checkOut);
  if (problems.length)
    throw invalid('stay_out_of_range', problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
}

/** Throws a 400 when an amount does not fit the money columns. */
export function assertAmountFits(amount: number, field: string): void {
  if (!(amount <= MAX_AMOUNT))
    throw invalid('amount_out_of_range', `${field} is larger than ${MAX_AMOUNT}`, [
      { field, message: `must be at most ${MAX_AMOUNT}`, code: 'amount_out_of_range' },
    ]);
}
