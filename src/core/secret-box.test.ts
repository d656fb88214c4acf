import { describe, expect, it } from 'vitest';
import {
  blindIndex,
  blindIndexes,
  createKeyring,
  generateKey,
  isSealed,
  open,
  parseKey,
  seal,
  sealedKeyId,
  SecretBoxError,
} from './secret-box.ts';

describe('secret box (AES-256-GCM field encryption)', () => {
  const a = createKeyring(generateKey());
  const b = createKeyring(generateKey());

  it('round-trips a value, with a fresh IV each time and the key id in the value', () => {
    const one = seal(a, 'X1234567Z');
    const two = seal(a, 'X1234567Z');
    expect(one).not.toBe(two);
    expect(one).not.toContain('X1234567Z');
    expect(isSealed(one)).toBe(true);
    expect(sealedKeyId(one)).toBe(a.current.id);
    expect(open(a, one)).toBe('X1234567Z');
    expect(open(a, seal(a, 'ñ 中文 ü'))).toBe('ñ 中文 ü');
  });

  it('fails closed with the wrong key, naming the missing key id', () => {
    const sealed = seal(a, 'X1234567Z');
    expect(() => open(b, sealed)).toThrow(SecretBoxError);
    expect(() => open(b, sealed)).toThrow(new RegExp(`key ${a.current.id}, which is not configured`));
  });

  it('refuses an altered value, a value under another key with a forged id, and plain text', () => {
    const sealed = seal(a, 'X1234567Z');
    const parts = sealed.split(':');
    const ct = Buffer.from(parts[5]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[5] = ct.toString('base64url');
    expect(() => open(a, parts.join(':'))).toThrow(/does not decrypt/);
    const forged = seal(b, 'X1234567Z').replace(b.current.id, a.current.id);
    expect(() => open(a, forged)).toThrow(/does not decrypt/);
    expect(() => open(a, 'X1234567Z')).toThrow(/not encrypted/);
    expect(() => open(a, 'enc:v1:abc')).toThrow(/malformed/);
  });

  it('opens values of previous keys and seals under the current one', () => {
    const rotated = createKeyring(b.current.key, [a.current.key]);
    const old = seal(a, 'OLD-1');
    expect(open(rotated, old)).toBe('OLD-1');
    expect(sealedKeyId(seal(rotated, 'NEW-1'))).toBe(b.current.id);
  });

  it('gives a stable blind index per key, and every known key’s index for lookups', () => {
    expect(blindIndex(a, 'X1234567Z')).toBe(blindIndex(a, 'X1234567Z'));
    expect(blindIndex(a, 'X1234567Z')).not.toBe(blindIndex(b, 'X1234567Z'));
    expect(blindIndex(a, 'X1234567Z')).not.toContain('1234567');
    const both = createKeyring(b.current.key, [a.current.key]);
    expect(blindIndexes(both, 'X1234567Z')).toEqual([blindIndex(b, 'X1234567Z'), blindIndex(a, 'X1234567Z')]);
  });

  it('accepts only 32-byte base64 keys', () => {
    expect(parseKey(generateKey().toString('base64'))).toHaveLength(32);
    expect(() => parseKey(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
    expect(() => parseKey('not a key!')).toThrow(/base64/);
    expect(() => createKeyring(Buffer.alloc(31))).toThrow(/32 bytes/);
  });
});
