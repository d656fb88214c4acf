import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { invalid, notFound } from '../../core/errors.ts';
import { newId, randomToken } from '../../core/ids.ts';
import type { ApiKeyRow, DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { assertMayGrantScopes, type Grantor } from '../auth/grant.ts';
import { SCOPES, type Permission } from '../auth/permissions.ts';
import type { Principal } from '../auth/principal.ts';

// A key is `clk_<id>_<secret>`: the id finds the row, the secret (32 random bytes) is compared
// by SHA-256 — a high-entropy secret needs no slow hash, unlike a password.
const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();

/** Creates a key with scopes the creator holds; the secret is returned once and stored hashed. */
export async function createApiKey(
  ctx: Ctx,
  creator: Grantor,
  input: { name: string; scopes: string[] },
): Promise<{ row: ApiKeyRow; secret: string }> {
  const unknown = input.scopes.filter((s) => !SCOPES.includes(s as Permission));
  if (unknown.length)
    throw invalid('unknown_scope', `Unknown scope(s): ${unknown.join(', ')}`, [
      { field: 'scopes', message: `unknown: ${unknown.join(', ')}` },
    ]);
  assertMayGrantScopes(creator, input.scopes);
  const id = newId('key');
  const secretPart = randomToken(32);
  const secret = `clk_${id}_${secretPart}`;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('apiKey')
      .values({
        orgId: ctx.orgId,
        id,
        name: input.name,
        scopes: [...new Set(input.scopes)],
        prefix: secret.slice(0, 16),
        secretHash: hashSecret(secretPart).toString('hex'),
        createdBy: ctx.actor.actorId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, 'api_key.created', { type: 'api_key', id }, { scopes: r.scopes }, trx);
    return r;
  });
  return { row, secret };
}

export async function listApiKeys(ctx: Ctx): Promise<ApiKeyRow[]> {
  return ctx.db.selectFrom('apiKey').selectAll().orderBy('createdAt', 'desc').execute();
}

/** Revokes a key at once; only someone holding all of its scopes may revoke it. */
export async function revokeApiKey(ctx: Ctx, id: string, by: Grantor): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const key = await trx.selectFrom('apiKey').select('scopes').where('id', '=', id).executeTakeFirst();
    if (key) assertMayGrantScopes(by, key.scopes);
    const r = await trx
      .updateTable('apiKey')
      .set({ revokedAt: new Date() })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound('API key');
    await recordAudit(ctx, 'api_key.revoked', { type: 'api_key', id }, {}, trx);
  });
}

/** Resolves `Authorization: Bearer clk_…` to its principal; undefined for unknown or revoked keys. */
export async function resolveApiKey(system: Kysely<DB>, bearer: string): Promise<Principal | undefined> {
  const m = /^clk_(key_[0-9a-z]+)_([\w-]{20,})$/.exec(bearer);
  if (!m) return undefined;
  const [, id, secretPart] = m as unknown as [string, string, string];
  const row = await system
    .selectFrom('apiKey')
    .select(['orgId', 'id', 'scopes', 'secretHash', 'revokedAt', 'lastUsedAt'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.revokedAt) return undefined;
  const expected = Buffer.from(row.secretHash, 'hex');
  const actual = hashSecret(secretPart);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await system
      .updateTable('apiKey')
      .set({ lastUsedAt: new Date() })
      .where('orgId', '=', row.orgId)
      .where('id', '=', id)
      .execute();
  }
  return { kind: 'api_key', orgId: row.orgId, keyId: row.id, permissions: row.scopes };
}
