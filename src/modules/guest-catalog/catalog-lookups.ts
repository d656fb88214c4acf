import { sql } from 'kysely';
import type { TenantDb } from '../../db/database.ts';

/** The catalog's tags with these names (case-insensitive), in no particular order. */
export async function findTagsByNames(db: TenantDb, names: string[]): Promise<{ id: string; name: string }[]> {
  if (names.length === 0) return [];
  return db
    .selectFrom('tag')
    .select(['id', 'name'])
    .where(
      sql<string>`lower(name)`,
      'in',
      names.map((n) => n.toLowerCase()),
    )
    .execute();
}

/** Tag id → name for these ids (unknown ids are left out). */
export async function findTagNames(db: TenantDb, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('tag').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The subset of these group ids that exist in the organisation. */
export async function findExistingGroupIds(db: TenantDb, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('guestGroup').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** True when the organisation has this title. */
export async function hasTitle(db: TenantDb, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom('title').select('id').where('id', '=', id).executeTakeFirst());
}
