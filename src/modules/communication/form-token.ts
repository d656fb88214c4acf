import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { hasKeyring, useKeyring } from '../../core/keyring.ts';

/** Fewer seconds than this between showing the form and sending it: a robot, not a person. */
export const MIN_FILL_SECONDS = 3;
/** A form left open longer than this must be reloaded. */
const MAX_AGE_SECONDS = 24 * 3600;

// Without an installed keyring (never on a started server) a per-process secret: tokens still prove the time.
let fallback: Buffer | undefined;

function secret(): Buffer {
  if (hasKeyring())
    return Buffer.from(hkdfSync('sha256', useKeyring().current.key, Buffer.alloc(0), 'clientela contact form v1', 32));
  fallback ??= randomBytes(32);
  return fallback;
}

const mac = (orgId: string, issuedAt: number) =>
  createHmac('sha256', secret()).update(`${orgId}\u0001${issuedAt}`).digest('base64url');

/** A signed "the form was shown at this moment" token, for one organisation's site. */
export function issueFormToken(orgId: string, now = Date.now()): string {
  return `${now}.${mac(orgId, now)}`;
}

/** `ok`, `too_fast` (sent sooner than a person could fill the form), or `invalid` (forged, foreign or stale). */
export function checkFormToken(orgId: string, token: string, now = Date.now()): 'ok' | 'too_fast' | 'invalid' {
  const m = /^(\d{13})\.([\w-]{43})$/.exec(token);
  if (!m?.[1] || !m[2]) return 'invalid';
  const issuedAt = Number(m[1]);
  const expected = Buffer.from(mac(orgId, issuedAt));
  const given = Buffer.from(m[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = (now - issuedAt) / 1000;
  if (age < -60 || age > MAX_AGE_SECONDS) return 'invalid';
  return age < MIN_FILL_SECONDS ? 'too_fast' : 'ok';
}
