import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError, conflict, invalid } from '../../core/errors.ts';
import type { DB } from '../../db/schema.ts';
import type { SiteCtx } from './site-context.ts';
import { countHit, throttleKey } from './site-throttle.service.ts';

/** Server-wide abuse limits of the site checkout (config `siteLimits`). */
export interface CheckoutLimits {
  checkoutsPerIpHour: number;
  checkoutsPerEmailHour: number;
  confirmationWindowMinutes: number;
}

const REFUSED_MESSAGE =
  'We are sorry, we cannot take this booking online. Please contact the hotel directly and we will be glad to help.';

/**
 * The one neutral refusal (issue 11 #15): a blocked guest and an e-mail over its checkout limit get
 * the same status, code, message and details, so the answer does not tell whether a person is blocked.
 */
export function bookingRefused(): AppError {
  return new AppError('forbidden', 'booking_refused', REFUSED_MESSAGE);
}

/** The e-mail as the limits and the confirmation gate count it. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Counts this checkout against the client IP: past the hourly limit, 429 `too_many_checkouts`.
 * Counted before anything else, so refused and failed attempts count too.
 */
export async function enforceIpLimit(system: Kysely<DB>, clientIp: string, limits: CheckoutLimits): Promise<void> {
  const byIp = await countHit(system, throttleKey('checkout-ip', clientIp), 3600);
  if (byIp.hits > limits.checkoutsPerIpHour)
    throw new AppError(
      'rate_limited',
      'too_many_checkouts',
      'Too many bookings from this connection. Please try again later or contact the hotel.',
      [],
      { 'retry-after': String(byIp.retryAfterSeconds) },
    );
}

/**
 * Counts this checkout against the booker's e-mail in this organisation: past its hourly limit, the
 * neutral refusal. Checked at the point a blocked guest is (after the cart exists), so the two
 * refusals leave the visitor's cart alike.
 */
export async function enforceEmailLimit(
  system: Kysely<DB>,
  ctx: SiteCtx,
  email: string,
  limits: CheckoutLimits,
): Promise<void> {
  const byEmail = await countHit(system, throttleKey('checkout-email', ctx.orgId, emailKey(email)), 3600);
  if (byEmail.hits > limits.checkoutsPerEmailHour) throw bookingRefused();
}

/** Refuses more rooms than the organisation's cap (Settings → Booking site) in one cart or checkout. */
export function checkRoomCap(count: number, max: number, field = 'items'): void {
  if (count > max)
    throw invalid('too_many_rooms', `Book at most ${max} rooms at once online`, [
      { field, message: `at most ${max} rooms` },
    ]);
}

/**
 * The stored key of an Idempotency-Key checkout (issue 11 #3): scoped to the visitor — the signed-in
 * customer's account, else the visitor cookie — so another visitor's same key is a different key.
 */
export function scopedIdempotencyKey(ctx: SiteCtx, key: string): string {
  const visitor = ctx.customer ? `account:${ctx.customer.accountId}` : `visitor:${ctx.visitorKey ?? ''}`;
  return `key:${createHash('sha256').update(`${visitor}\u0001${key}`).digest('hex')}`;
}

/** sha256 of the request body with its keys sorted: the same body always hashes alike. */
export function requestHashOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A key already used with another body: refused rather than answered with the first result. */
export function checkSameRequest(stored: string | null, current: string | null): void {
  if (stored !== null && current !== null && stored !== current)
    throw conflict(
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different checkout; send a new key for a new booking',
    );
}
