import { sql } from 'kysely';
import { guestFacets } from '../../db/guest-facets.ts';
import type { Ctx } from '../../core/context.ts';
import { conflict, fromDatabaseError, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import type { PriceDisplay } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { detachFromGuests } from './catalog-detach.ts';
import type { Group } from './catalog.schemas.ts';
import { groupNamesOf, type CatalogLanguage } from './catalog-names.ts';

type GroupInput = {
  name?: string | undefined;
  discountPercent?: number | undefined;
  priceDisplay?: PriceDisplay | undefined;
};

/** Lists the groups, the three system groups first, each with its member count. */
export async function listGroups(ctx: Ctx, db: TenantDb = ctx.db, lang?: CatalogLanguage): Promise<Group[]> {
  const rows = await db
    .selectFrom('guestGroup')
    .select(['id', 'name', 'discountPercent', 'priceDisplay', 'systemKind'])
    .select(() =>
      sql<number>`(select count(*) from guest g where g.org_id = guest_group.org_id and ${guestFacets('g')} @> array[guest_group.id])::int`.as(
        'memberCount',
      ),
    )
    .orderBy(sql`system_kind is null`)
    .orderBy(sql`case system_kind when 'visitor' then 1 when 'guest' then 2 when 'customer' then 3 end`)
    .orderBy(sql`lower(name)`)
    .execute();
  return rows.map((r) => {
    const names = groupNamesOf(r);
    const label = lang ? names[lang] : r.name;
    return { ...r, label, names, discountPercent: Number(r.discountPercent), memberCount: Number(r.memberCount) };
  });
}

async function getGroup(ctx: Ctx, id: string): Promise<Group> {
  const group = (await listGroups(ctx)).find((g) => g.id === id);
  if (!group) throw notFound('Group');
  return group;
}

const nameTaken = () =>
  conflict('group_name_taken', 'A group with this name already exists', [{ field: 'name', message: 'already in use' }]);

/** Creates a group with its discount and price display mode. */
export async function createGroup(ctx: Ctx, input: GroupInput & { name: string }): Promise<Group> {
  const id = newId('grp');
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('guestGroup')
        .values({
          orgId: ctx.orgId,
          id,
          name: input.name,
          discountPercent: input.discountPercent ?? 0,
          priceDisplay: input.priceDisplay ?? 'everyone',
          systemKind: null,
        })
        .execute();
      await recordAudit(ctx, 'group.created', { type: 'group', id }, { name: input.name }, trx);
    });
  } catch (err) {
    if (fromDatabaseError(err) !== err) throw nameTaken();
    throw err;
  }
  return getGroup(ctx, id);
}

/** Changes a group's name, discount or price display (system groups too: only deletion is refused). */
export async function updateGroup(ctx: Ctx, id: string, patch: GroupInput): Promise<Group> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom('guestGroup').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!found) throw notFound('Group');
      const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      if (Object.keys(set).length) await trx.updateTable('guestGroup').set(set).where('id', '=', id).execute();
      await recordAudit(ctx, 'group.updated', { type: 'group', id }, { fields: Object.keys(set) }, trx);
    });
  } catch (err) {
    if (fromDatabaseError(err) !== err) throw nameTaken();
    throw err;
  }
  return getGroup(ctx, id);
}

/** Deletes a custom group and removes its members; Visitor, Guest and Customer are refused (G-7). */
export async function deleteGroup(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const group = await trx.selectFrom('guestGroup').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!group) throw notFound('Group');
    if (group.systemKind) throw conflict('group_undeletable', `The default group ${group.name} cannot be deleted`);
    const guests = await detachFromGuests(ctx, trx, 'group', id);
    await trx.deleteFrom('guestGroup').where('id', '=', id).execute();
    await recordAudit(ctx, 'group.deleted', { type: 'group', id }, { name: group.name, guests }, trx);
  });
}
