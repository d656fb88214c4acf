import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Field encryption at rest (SPEC P-5, docs/guide/privacy/documents.md): AES-256-GCM with a random
 * 96-bit IV per value and its 128-bit tag. A stored value says which key sealed it, so several keys
 * can be read at once while `clientela keys rotate` moves every value to the current one:
 *
 *     enc:v1:<key id>:<iv base64url>:<tag base64url>:<ciphertext base64url>
 *
 * The key id is the first 12 hex digits of SHA-256 of the key: stable, and says nothing about it.
 * Equality lookups use a blind index, an HMAC-SHA256 under a key derived from the same key (HKDF),
 * so the index of a value changes with the key and is rewritten by the rotation too.
 */

const PREFIX = 'enc:v1:';

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export interface KeyringKey {
  id: string;
  key: Buffer;
  indexKey: Buffer;
}

/** The current key (seals new values) and the previous ones (still open old values). */
export interface Keyring {
  current: KeyringKey;
  all: ReadonlyMap<string, KeyringKey>;
}

/** The id a key is known by in stored values. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

function keyringKey(key: Buffer): KeyringKey {
  if (key.length !== 32) throw new SecretBoxError(`an encryption key must be 32 bytes (got ${key.length})`);
  const indexKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'clientela blind index v1', 32));
  return { id: keyIdOf(key), key, indexKey };
}

/** A keyring: `current` seals, `current` and `previous` open. */
export function createKeyring(current: Buffer, previous: readonly Buffer[] = []): Keyring {
  const cur = keyringKey(current);
  const all = new Map<string, KeyringKey>([[cur.id, cur]]);
  for (const k of previous) {
    const p = keyringKey(k);
    if (!all.has(p.id)) all.set(p.id, p);
  }
  return { current: cur, all };
}

/** A fresh random 256-bit key. */
export function generateKey(): Buffer {
  return randomBytes(32);
}

/** Decodes a base64 key and checks it is 32 bytes. */
export function parseKey(base64: string, name = 'key'): Buffer {
  const text = base64.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) throw new SecretBoxError(`${name} is not base64`);
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new SecretBoxError(`${name} must be 32 bytes in base64 (got ${key.length} bytes)`);
  return key;
}

/** True when the stored value is sealed (not legacy plain text). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The id of the key that sealed a stored value (undefined for plain text). */
export function sealedKeyId(stored: string): string | undefined {
  return isSealed(stored) ? stored.slice(PREFIX.length).split(':')[0] : undefined;
}

/** Encrypts one value under the current key. */
export function seal(ring: Keyring, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${PREFIX}${ring.current.id}:${iv.toString('base64url')}:${tag.toString('base64url')}:${ct.toString('base64url')}`;
}

/**
 * Decrypts one stored value. Fails closed: an unknown key id or a value altered or sealed under
 * another key throws a SecretBoxError (never returns garbage). Plain text (not yet sealed) is refused too.
 */
export function open(ring: Keyring, stored: string): string {
  if (!isSealed(stored)) throw new SecretBoxError('the value is not encrypted');
  const [id, iv, tag, ct, ...rest] = stored.slice(PREFIX.length).split(':');
  if (!id || iv === undefined || tag === undefined || ct === undefined || rest.length)
    throw new SecretBoxError('the encrypted value is malformed');
  const k = ring.all.get(id);
  if (!k)
    throw new SecretBoxError(
      `the value was encrypted with key ${id}, which is not configured (set CLIENTELA_ENCRYPTION_KEY or CLIENTELA_ENCRYPTION_KEY_PREVIOUS, or restore the key file)`,
    );
  try {
    const decipher = createDecipheriv('aes-256-gcm', k.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError(`the value does not decrypt with key ${id} (altered, or a different key with that id)`);
  }
}

/** The blind index of a normalised value under one key. */
function indexUnder(k: KeyringKey, normalised: string): string {
  return createHmac('sha256', k.indexKey).update(normalised, 'utf8').digest('base64url');
}

/** The blind index a new value is stored with (current key). */
export function blindIndex(ring: Keyring, normalised: string): string {
  return indexUnder(ring.current, normalised);
}

/** Every blind index a stored value may carry (one per known key: mid-rotation rows still match). */
export function blindIndexes(ring: Keyring, normalised: string): string[] {
  return [...ring.all.values()].map((k) => indexUnder(k, normalised));
}
