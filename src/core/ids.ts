import { randomBytes, randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

// Ids are opaque, not secrets: their random part is cut from a pool filled 512 ids at a time (one
// system call instead of one per id; a batch of bookings makes thousands).
const POOL = Buffer.alloc(12 * 512);
let taken = POOL.length;

/** Time-ordered, prefixed, opaque id (`gst_01j…`): 10 chars of millisecond time + 12 random. */
export function newId(prefix: string, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  if (taken + 12 > POOL.length) {
    randomFillSync(POOL);
    taken = 0;
  }
  let rand = '';
  for (let i = taken; i < taken + 12; i++) rand += ALPHABET[POOL[i]! % 32];
  taken += 12;
  return `${prefix}_${time}${rand}`;
}

/** A URL-safe random secret of `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
