import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyring, open, seal, sealedKeyId } from '../core/secret-box.ts';
import { openDatabase } from '../db/database.ts';
import { readKeyFile } from '../server/encryption-keys.ts';
import { runClientela } from '../../test/support/cli.ts';

const clientela = (args: string[], env: Record<string, string>) => runClientela(args, env);

/** `clientela keys rotate` with the embedded engine's key file: a new key, every value moved, the old key gone. */
describe('clientela keys (embedded engine, key file)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'clientela-keys-cli-'));
  const env = { CLIENTELA_DATA_DIR: dataDir };
  const keyFile = path.join(dataDir, 'encryption.key');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates a 32-byte key', { timeout: 120_000 }, async () => {
    const r = await clientela(['keys', 'generate'], env);
    expect(r.code).toBe(0);
    expect(Buffer.from(r.stdout.trim(), 'base64')).toHaveLength(32);
  });

  it(
    'rotates the key file and re-encrypts every number; the old key is no longer needed',
    { timeout: 300_000 },
    async () => {
      expect((await clientela(['migrate'], env)).code).toBe(0);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const [oldKey] = readKeyFile(keyFile)!;
      const oldRing = createKeyring(oldKey!);
      const db = await openDatabase({ kind: 'embedded', dir: path.join(dataDir, 'pgdata'), thread: 'main' });
      const org = await db.system.selectFrom('organisation').select('id').executeTakeFirstOrThrow();
      const now = new Date();
      await db.system
        .insertInto('guest')
        .values({
          orgId: org.id,
          id: 'gst_rotate_1',
          firstName: 'Rota',
          lastName: 'Tion',
          documentNumber: seal(oldRing, 'RT1234567'),
          firstContactAt: now,
          lastActivityAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      await db.close();

      const r = await clientela(['keys', 'rotate'], env);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/guest: 1 re-encrypted/);
      const keys = readKeyFile(keyFile)!;
      expect(keys).toHaveLength(1);
      expect(keys[0]!.equals(oldKey!)).toBe(false);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);

      const after = await openDatabase({ kind: 'embedded', dir: path.join(dataDir, 'pgdata'), thread: 'main' });
      const { rows } = await sql<{
        n: string;
      }>`select document_number as n from guest where id = 'gst_rotate_1'`.execute(after.system);
      await after.close();
      const stored = rows[0]!.n;
      const newRing = createKeyring(keys[0]!);
      expect(sealedKeyId(stored)).toBe(newRing.current.id);
      expect(open(newRing, stored)).toBe('RT1234567');
      expect(() => open(oldRing, stored)).toThrow();
    },
  );
});
