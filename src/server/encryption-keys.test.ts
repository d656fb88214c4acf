import { mkdtempSync, readFileSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.ts';
import { generateKey, keyIdOf } from '../core/secret-box.ts';
import { loadKeyring } from './encryption-keys.ts';

describe('where the encryption key comes from', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'clientela-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the embedded engine’s key file once, mode 0600, and reuses it', () => {
    const config = loadConfig({ CLIENTELA_DATA_DIR: path.join(dir, 'data') });
    const first = loadKeyring(config);
    const file = path.join(dir, 'data', 'encryption.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    const second = loadKeyring(config);
    expect(second.current.id).toBe(first.current.id);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('tightens a key file readable by others back to 0600', () => {
    const config = loadConfig({ CLIENTELA_DATA_DIR: path.join(dir, 'data') });
    chmodSync(config.encryption.keyFile, 0o644);
    loadKeyring(config);
    expect(statSync(config.encryption.keyFile).mode & 0o777).toBe(0o600);
  });

  it('uses CLIENTELA_ENCRYPTION_KEY (and previous keys) when set, without a key file', () => {
    const key = generateKey();
    const old = generateKey();
    const config = loadConfig({
      CLIENTELA_DATA_DIR: path.join(dir, 'env'),
      CLIENTELA_ENCRYPTION_KEY: key.toString('base64'),
      CLIENTELA_ENCRYPTION_KEY_PREVIOUS: old.toString('base64'),
    });
    const ring = loadKeyring(config);
    expect(ring.current.id).toBe(keyIdOf(key));
    expect([...ring.all.keys()]).toEqual([keyIdOf(key), keyIdOf(old)]);
    expect(() => statSync(path.join(dir, 'env', 'encryption.key'))).toThrow();
  });

  it('refuses to start on PostgreSQL without CLIENTELA_ENCRYPTION_KEY', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', CLIENTELA_DATA_DIR: path.join(dir, 'pg') });
    expect(() => loadKeyring(config)).toThrow(ConfigError);
    expect(() => loadKeyring(config)).toThrow(/CLIENTELA_ENCRYPTION_KEY: required with DATABASE_URL/);
  });

  it('refuses a malformed key in the environment at configuration time', () => {
    expect(() => loadConfig({ CLIENTELA_ENCRYPTION_KEY: 'short' })).toThrow(
      /CLIENTELA_ENCRYPTION_KEY: must be 32 bytes/,
    );
  });
});
