import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { recordAudit } from '../audit/index.ts';
import type { Title } from './catalog.schemas.ts';

type Labels = { en?: string | undefined; es?: string | undefined; fr?: string | undefined };

const fullLabels = (l: Record<string, string | undefined>): Title['labels'] => {
  const en = l.en ?? '';
  return { en, es: l.es ?? en, fr: l.fr ?? en };
};

/** Lists the titles in display order. */
export async function listTitles(ctx: Ctx): Promise<Title[]> {
  const rows = await ctx.db
    .selectFrom('title')
    .select(['id', 'labels', 'position'])
    .orderBy('position')
    .orderBy('createdAt')
    .execute();
  return rows.map((r) => ({ id: r.id, labels: fullLabels(r.labels), position: r.position }));
}

/** Creates a title; labels missing in es/fr fall back to the English one. */
export async function createTitle(
  ctx: Ctx,
  input: { labels: Labels & { en: string }; position?: number | undefined },
): Promise<Title> {
  const id = newId('ttl');
  const labels = fullLabels(input.labels);
  await ctx.db.transaction().execute(async (trx) => {
    let position = input.position;
    if (position === undefined) {
      const max = await trx
        .selectFrom('title')
        .select((eb) => eb.fn.max('position').as('p'))
        .executeTakeFirst();
      position = (max?.p ?? -1) + 1;
    }
    await trx
      .insertInto('title')
      .values({ orgId: ctx.orgId, id, labels: JSON.stringify(labels), position })
      .execute();
    await recordAudit(ctx, 'title.created', { type: 'title', id }, { labels }, trx);
  });
  return getTitle(ctx, id);
}

async function getTitle(ctx: Ctx, id: string): Promise<Title> {
  const row = await ctx.db
    .selectFrom('title')
    .select(['id', 'labels', 'position'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Title');
  return { id: row.id, labels: fullLabels(row.labels), position: row.position };
}

/** Renames (any language) or moves a title. */
export async function updateTitle(
  ctx: Ctx,
  id: string,
  patch: { labels?: Labels | undefined; position?: number | undefined },
): Promise<Title> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('title').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Title');
    const defined = Object.fromEntries(Object.entries(patch.labels ?? {}).filter(([, v]) => v !== undefined));
    const labels = fullLabels({ ...row.labels, ...defined });
    await trx
      .updateTable('title')
      .set({ labels: JSON.stringify(labels), position: patch.position ?? row.position })
      .where('id', '=', id)
      .execute();
    await recordAudit(ctx, 'title.updated', { type: 'title', id }, { labels }, trx);
  });
  return getTitle(ctx, id);
}

/** Deletes a title; guests who had it keep no title (the foreign key sets it to null). */
export async function deleteTitle(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('title').where('id', '=', id).returning('id').executeTakeFirst();
    if (!row) throw notFound('Title');
    await recordAudit(ctx, 'title.deleted', { type: 'title', id }, {}, trx);
  });
}
