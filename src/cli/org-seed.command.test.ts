import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, runClientela } from '../../test/support/cli.ts';
import { TEST_DATABASE_URL, engineName } from '../../test/support/db.ts';
import { openDatabase } from '../db/database.ts';
import { verifyPassword } from '../modules/auth/password.ts';

// Issue 11, point 25: `seed` put its guests into a new organisation nobody could sign in to, with
// booking counts no booking was behind.
describe(`clientela org create and seed (${engineName})`, { timeout: 300_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'clientela-org-'));
  const env: Record<string, string> = { CLIENTELA_DATA_DIR: dataDir };
  let scratch: { url: string; drop: () => Promise<void> } | undefined;

  beforeAll(async () => {
    if (!TEST_DATABASE_URL) return;
    scratch = await createScratchDatabase();
    env.DATABASE_URL = scratch.url;
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  });

  const clientela = (args: string[]) => runClientela(args, env);

  /** Reads the database the CLI wrote (the CLI has exited, so the data dir is free). */
  async function inspect<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
    const database = await openDatabase(
      env.DATABASE_URL
        ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: 1 }
        : { kind: 'embedded', dir: path.join(dataDir, 'pgdata'), thread: 'main' },
    );
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  }

  let firstOrg: string;

  it('creates an organisation with its owner and prints its id', async () => {
    const r = await clientela([
      'org',
      'create',
      '--name',
      'Hotel Sol',
      '--owner-email',
      'Owner@Sol.test',
      '--owner-password',
      'sunny-terrace-42',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { orgId: string; ownerEmail: string; ownerPassword?: string };
    expect(out.orgId).toMatch(/^org_/);
    expect(out.ownerEmail).toBe('owner@sol.test');
    expect(out.ownerPassword).toBeUndefined();
    firstOrg = out.orgId;
    const owner = await inspect((db) =>
      db.system.selectFrom('staffUser').selectAll().where('email', '=', 'owner@sol.test').executeTakeFirstOrThrow(),
    );
    expect(owner).toMatchObject({ orgId: firstOrg, role: 'owner', active: true });
    expect(await verifyPassword(owner.passwordHash, 'sunny-terrace-42')).toBe(true);
  });

  it('refuses a taken owner e-mail and a short password, creating nothing', async () => {
    const taken = await clientela(['org', 'create', '--name', 'Copy', '--owner-email', 'owner@sol.test']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already exists/);
    const short = await clientela([
      'org',
      'create',
      '--name',
      'X',
      '--owner-email',
      'x@x.test',
      '--owner-password',
      'short',
    ]);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/--owner-password: must be at least 10 characters/);
    const orgs = await inspect((db) => db.system.selectFrom('organisation').select('name').execute());
    expect(orgs.map((o) => o.name)).toEqual(['Hotel Sol']);
  });

  it("seeds into the owner's organisation, with no booking counts", async () => {
    const r = await clientela(['seed', '--guests', '40', '--batch', '100']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Seeding into ${firstOrg}`);
    const rows = await inspect((db) =>
      db.system.selectFrom('guest').select(['orgId', 'bookingCount', 'revenue']).execute(),
    );
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((g) => g.orgId))).toEqual(new Set([firstOrg]));
    expect(rows.every((g) => g.bookingCount === 0 && Number(g.revenue) === 0)).toBe(true);
  });

  it('asks for --org when several organisations have an owner, and --org still chooses', async () => {
    const second = await clientela([
      'org',
      'create',
      '--name',
      'Hotel Luna',
      '--owner-email',
      'luna@luna.test',
      '--json',
    ]);
    expect(second.code).toBe(0);
    const { orgId, ownerPassword } = JSON.parse(second.stdout) as { orgId: string; ownerPassword: string };
    expect(ownerPassword.length).toBeGreaterThanOrEqual(16);
    const ambiguous = await clientela(['seed', '--guests', '5', '--batch', '100']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/choose one with --org/);
    expect(ambiguous.stderr).toContain(orgId);
    const chosen = await clientela(['seed', '--guests', '5', '--batch', '100', '--org', orgId]);
    expect(chosen.code).toBe(0);
    const n = await inspect((db) => db.system.selectFrom('guest').select('id').where('orgId', '=', orgId).execute());
    expect(n).toHaveLength(5);
  });
});
