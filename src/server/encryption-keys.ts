import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../config/config.ts';
import { createKeyring, generateKey, parseKey, type Keyring } from '../core/secret-box.ts';

/**
 * Where the encryption key comes from (docs/guide/privacy/documents.md):
 * - `CLIENTELA_ENCRYPTION_KEY` (and `CLIENTELA_ENCRYPTION_KEY_PREVIOUS` during a rotation), or
 * - on the embedded engine without it, `<data dir>/encryption.key`: created once (mode 0600) on the
 *   first start, then reused. One base64 key per line, the first one current.
 * On PostgreSQL the key must come from the environment: the database lives elsewhere and may be
 * shared by several app servers, each with its own disk, so a key file beside one of them could be
 * lost or differ between them, leaving documents no server can read.
 */
export function loadKeyring(config: Config, options: { create?: boolean } = {}): Keyring {
  if (config.encryption.key) return createKeyring(config.encryption.key, config.encryption.previous);
  if (config.database.kind === 'postgres')
    throw new ConfigError([
      'CLIENTELA_ENCRYPTION_KEY: required with DATABASE_URL (ID document numbers are encrypted with it); create one with `npx clientela keys generate` and keep it in your secret store',
    ]);
  const keys = readKeyFile(config.encryption.keyFile) ?? (options.create === false ? undefined : createKeyFile(config));
  if (!keys?.[0])
    throw new ConfigError([`${config.encryption.keyFile}: no encryption key file (start the server once)`]);
  return createKeyring(keys[0], [...keys.slice(1), ...config.encryption.previous]);
}

/** The keys of a key file, current first; undefined when there is no file. */
export function readKeyFile(file: string): Buffer[] | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) chmodSync(file, 0o600);
  try {
    return text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l, i) => parseKey(l, `${file} line ${i + 1}`));
  } catch (err) {
    throw new ConfigError([(err as Error).message]);
  }
}

/**
 * Writes a key file atomically with mode 0600 (a temporary file renamed over it, or linked when
 * `exclusive`: then a file another process created first wins and is returned).
 */
export function writeKeyFile(file: string, keys: Buffer[], options: { exclusive?: boolean } = {}): void {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const text = `# Clientela encryption keys (back this file up with the data; without it ID documents cannot be read)\n${keys.map((k) => k.toString('base64')).join('\n')}\n`;
  writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  try {
    if (options.exclusive) linkSync(tmp, file);
    else renameSync(tmp, file);
  } finally {
    if (options.exclusive) unlinkSync(tmp);
  }
}

function createKeyFile(config: Config): Buffer[] {
  mkdirSync(path.dirname(config.encryption.keyFile), { recursive: true });
  try {
    writeKeyFile(config.encryption.keyFile, [generateKey()], { exclusive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const keys = readKeyFile(config.encryption.keyFile);
  if (!keys) throw new ConfigError([`${config.encryption.keyFile}: could not create the encryption key file`]);
  return keys;
}
