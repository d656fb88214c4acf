import { sql } from 'kysely';
import { guestFacets } from '../../db/guest-facets.ts';
import type { Ctx } from '../../core/context.ts';
import { conflict, fromDatabaseError, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { detachFromGuests } from './catalog-detach.ts';
import type { Tag } from './catalog.schemas.ts';
import { tagNamesOf, type CatalogLanguage } from './catalog-names.ts';

/** Lists the tags, predefined first, each with the number of guests carrying it (a count on the facet index). */
export async function listTags(ctx: Ctx, db: TenantDb = ctx.db, lang?: CatalogLanguage): Promise<Tag[]> {
  const rows = await db
    .selectFrom('tag')
    .select(['id', 'name', 'predefined', 'color'])
    .select(() =>
      sql<number>`(select count(*) from guest g where g.org_id = tag.org_id and ${guestFacets('g')} @> array[tag.id])::int`.as(
        'guestCount',
      ),
    )
    .orderBy('predefined', 'desc')
    .orderBy(sql`lower(name)`)
    .execute();
  return rows.map((r) => {
    const names = tagNamesOf(r);
    return { ...r, label: lang ? names[lang] : r.name, names, guestCount: Number(r.guestCount) };
  });
}

async function getTag(ctx: Ctx, id: string): Promise<Tag> {
  const tag = (await listTags(ctx)).find((t) => t.id === id);
  if (!tag) throw notFound('Tag');
  return tag;
}

const nameTaken = () =>
  conflict('tag_name_taken', 'A tag with this name already exists', [{ field: 'name', message: 'already in use' }]);

/** Creates a custom tag. */
export async function createTag(ctx: Ctx, input: { name: string; color?: string | null | undefined }): Promise<Tag> {
  const id = newId('tag');
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('tag')
        .values({ orgId: ctx.orgId, id, name: input.name, color: input.color ?? null })
        .execute();
      await recordAudit(ctx, 'tag.created', { type: 'tag', id }, { name: input.name }, trx);
    });
  } catch (err) {
    if (fromDatabaseError(err) !== err) throw nameTaken();
    throw err;
  }
  return getTag(ctx, id);
}

/** Renames or recolours a tag; predefined tags keep their (English) name. */
export async function updateTag(
  ctx: Ctx,
  id: string,
  patch: { name?: string | undefined; color?: string | null | undefined },
): Promise<Tag> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const tag = await trx.selectFrom('tag').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!tag) throw notFound('Tag');
      if (patch.name !== undefined && patch.name !== tag.name && tag.predefined) {
        throw conflict('tag_predefined', 'Predefined tags cannot be renamed', [
          { field: 'name', message: 'predefined tag' },
        ]);
      }
      await trx
        .updateTable('tag')
        .set({ name: patch.name ?? tag.name, color: patch.color === undefined ? tag.color : patch.color })
        .where('id', '=', id)
        .execute();
      await recordAudit(ctx, 'tag.updated', { type: 'tag', id }, { fields: Object.keys(patch) }, trx);
    });
  } catch (err) {
    if (fromDatabaseError(err) !== err) throw nameTaken();
    throw err;
  }
  return getTag(ctx, id);
}

/** Deletes a custom tag and removes it from every guest (with a history row each). */
export async function deleteTag(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const tag = await trx.selectFrom('tag').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!tag) throw notFound('Tag');
    if (tag.predefined) throw conflict('tag_predefined', 'Predefined tags cannot be deleted');
    const guests = await detachFromGuests(ctx, trx, 'tag', id);
    await trx.deleteFrom('tag').where('id', '=', id).execute();
    await recordAudit(ctx, 'tag.deleted', { type: 'tag', id }, { name: tag.name, guests }, trx);
  });
}
