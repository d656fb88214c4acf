/** The one error type of the domain: a kind (mapped to an HTTP status in one place) and a stable code. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'gone';

export interface ErrorDetail {
  field?: string;
  message: string;
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalid = (code: string, message: string, details: ErrorDetail[] = []) =>
  new AppError('invalid', code, message, details);
export const notFound = (what: string) =>
  new AppError('not_found', `${what.toLowerCase().replace(/\W+/g, '_')}_not_found`, `${what} not found`);
export const conflict = (code: string, message: string, details: ErrorDetail[] = []) =>
  new AppError('conflict', code, message, details);
export const forbidden = (message = 'You do not have permission to do this', code = 'forbidden') =>
  new AppError('forbidden', code, message);
export const unauthenticated = (message = 'Sign in first', code = 'unauthenticated') =>
  new AppError('unauthenticated', code, message);

export const httpStatusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  gone: 410,
};

interface PgErrorLike {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
}

/** Turns database constraint violations into domain conflicts/invalids; anything else passes through. */
export function fromDatabaseError(err: unknown): unknown {
  if (!err || typeof err !== 'object') return err;
  const e = err as PgErrorLike;
  const constraint = typeof e.constraint === 'string' ? e.constraint : undefined;
  switch (e.code) {
    case '23505':
      return conflict('already_exists', 'A record with the same unique value already exists', [
        { message: constraint ?? 'unique constraint', code: 'unique_violation' },
      ]);
    case '23503':
      return invalid('unknown_reference', 'A referenced record does not exist', [
        { message: constraint ?? 'foreign key', code: 'foreign_key_violation' },
      ]);
    case '23514':
      return invalid('check_violation', 'A value is out of its allowed range', [
        { message: constraint ?? 'check constraint', code: 'check_violation' },
      ]);
    default:
      return typeof e.code === 'string' && e.code.startsWith('22') ? dataException(e.code) : err;
  }
}

/**
 * PostgreSQL class 22 (data exception): a value the database cannot take — wrong format, out of
 * range, too long, a character it cannot store. Always bad input, so a 400 naming the cause.
 */
function dataException(code: string): AppError {
  const detail = { message: `the database refused the value (SQLSTATE ${code})`, code: 'data_exception' };
  switch (code) {
    case '22001':
      return invalid('value_too_long', 'A value is too long', [detail]);
    case '22003':
    case '22008':
    case '22015':
      return invalid('value_out_of_range', 'A number or date is out of its allowed range', [detail]);
    case '22021':
    case '22P05':
      return invalid('invalid_character', 'A text contains a character that cannot be stored', [detail]);
    default:
      return invalid('invalid_value', 'A value has the wrong format', [detail]);
  }
}
