import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../db/data-dir-lock.ts';
import { runClientela } from '../../test/support/cli.ts';

/** A fresh embedded database migrates in seconds, but a loaded 2-core CI machine needs far more. */
const SLOW = 240_000;

// Never leave a CLI holding the data dir behind a timed-out test.
const clientela = (args: string[], env: Record<string, string>) => runClientela(args, env, { timeout: SLOW - 20_000 });

describe('clientela CLI (embedded engine)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'clientela-cli-'));
  const env: Record<string, string> = { CLIENTELA_DATA_DIR: dataDir };

  it('documents its commands', async () => {
    const r = await clientela(['--help'], env);
    expect(r.code).toBe(0);
    for (const cmd of ['migrate', 'org', 'api-key', 'seed', 'backup', 'restore', 'worker'])
      expect(r.stdout).toContain(cmd);
  });

  it(
    'migrates, then creates an API key whose secret is printed once',
    async () => {
      const m = await clientela(['migrate'], env);
      expect(m.stderr).toBe('');
      expect(m.stdout).toMatch(/Applied \d+ migration|up to date/);
      const k = await clientela(
        ['api-key', 'create', '--name', 'PMS', '--scopes', 'guests:read,bookings:write', '--json'],
        env,
      );
      expect(k.code).toBe(0);
      const key = JSON.parse(k.stdout) as { id: string; scopes: string[]; secret: string };
      expect(key.scopes).toEqual(['guests:read', 'bookings:write']);
      expect(key.secret).toMatch(/^clk_key_/);
    },
    SLOW,
  );

  it('refuses unknown scopes with a clear message', async () => {
    const r = await clientela(['api-key', 'create', '--name', 'X', '--scopes', 'guests:fly'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Unknown scope\(s\): guests:fly/);
  });

  it(
    'does not open a data dir a server holds, and says who holds it',
    async () => {
      const lock = await acquireDataDirLock(dataDir, { pid: 777, role: 'clientela server', port: 3000 });
      try {
        const r = await clientela(['migrate'], env);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/in use by clientela server \(pid 777, port 3000\)/);
      } finally {
        await lock.release();
      }
    },
    SLOW,
  );
});
