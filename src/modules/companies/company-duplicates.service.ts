import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { foldText } from '../identity/matching/index.ts';
import type { CompanyDuplicate, ListCompanyDuplicatesInput } from './company-dedupe.schemas.ts';
import { COMPANY_DUPLICATE_THRESHOLD, companyNameSimilarity, normaliseCompanyName } from './company-names.ts';
import { companyExtras, presentCompany } from './company.presenter.ts';

/**
 * Company dedupe (issue 15 point 1): the same tax id is the same company (a unique index, 409
 * `company_exists`); near-identical names in the same place are queued here for staff to merge
 * or dismiss. Two companies with two different tax ids are two companies: never queued.
 */

interface Place {
  id: string;
  name: string;
  legalName: string | null;
  taxKey: string | null;
  billingCity: string | null;
  country: string | null;
  billingCountry: string | null;
}

interface Candidate {
  a: string;
  b: string;
  score: number;
  reasons: string[];
}

const COLUMNS = ['id', 'name', 'legalName', 'taxKey', 'billingCity', 'country', 'billingCountry'] as const;

/** Whether two companies are in one place: the same billing city, else (a city missing) the same country. */
function placeReason(x: Place, y: Place): string | null {
  const cx = foldText(x.billingCity);
  const cy = foldText(y.billingCity);
  const kx = x.country ?? x.billingCountry;
  const ky = y.country ?? y.billingCountry;
  if (cx && cy) return cx === cy && !(kx && ky && kx !== ky) ? 'same_city' : null;
  if (kx !== ky) return null;
  return kx ? 'same_country' : 'no_location';
}

/** The pair of two companies when their names (or legal names) are near-identical in one place. */
function comparePair(x: Place, y: Place): Candidate | null {
  if (x.taxKey && y.taxKey) return null;
  const place = placeReason(x, y);
  if (!place) return null;
  const names = (p: Place) => [p.name, p.legalName].map(normaliseCompanyName).filter(Boolean);
  let score = 0;
  for (const nx of names(x)) for (const ny of names(y)) score = Math.max(score, companyNameSimilarity(nx, ny));
  if (score < COMPANY_DUPLICATE_THRESHOLD) return null;
  const [a, b] = x.id < y.id ? [x.id, y.id] : [y.id, x.id];
  return { a, b, score: Math.round(score * 1000) / 1000, reasons: [score === 1 ? 'same_name' : 'similar_name', place] };
}

/** Queues the pairs found (a decided pair keeps its decision), in `db`. */
async function savePairs(ctx: Ctx, db: TenantDb, pairs: Candidate[]): Promise<void> {
  if (!pairs.length) return;
  await db
    .insertInto('companyDuplicate')
    .values(
      pairs.map((p) => ({
        orgId: ctx.orgId,
        id: newId('cdp'),
        companyA: p.a,
        companyB: p.b,
        score: p.score,
        reasons: p.reasons,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['orgId', 'companyA', 'companyB'])
        .doUpdateSet({ score: sql`excluded.score`, reasons: sql`excluded.reasons` })
        .where('companyDuplicate.status', '=', 'open'),
    )
    .execute();
}

/**
 * Looks for this company's near-duplicates (after a create or an edit): new pairs are queued,
 * its open pairs that no longer hold (a name or a city changed) leave the queue.
 */
export async function scanCompanyDuplicates(ctx: Ctx, companyId: string, db: TenantDb = ctx.db): Promise<void> {
  const me = await db.selectFrom('company').select(COLUMNS).where('id', '=', companyId).executeTakeFirst();
  if (!me) return;
  const country = me.country ?? me.billingCountry;
  const others = await db
    .selectFrom('company')
    .select(COLUMNS)
    .where('id', '!=', companyId)
    .where((eb) =>
      eb.or([
        ...(me.billingCity ? [eb(eb.fn('lower', ['billingCity']), '=', me.billingCity.toLowerCase())] : []),
        sql<boolean>`coalesce(country, billing_country) is not distinct from ${country}`,
      ]),
    )
    .execute();
  const pairs = others.flatMap((o) => comparePair(me, o) ?? []);
  const keep = pairs.map((p) => (p.a === companyId ? p.b : p.a));
  await db
    .deleteFrom('companyDuplicate')
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('companyA', '=', companyId), eb('companyB', '=', companyId)]))
    .$if(keep.length > 0, (q) => q.where('companyA', 'not in', keep).where('companyB', 'not in', keep))
    .execute();
  await savePairs(ctx, db, pairs);
}

/** Compares every company with every other ("Rescan companies"); answers how many open pairs there are. */
export async function rescanCompanyDuplicates(ctx: Ctx): Promise<{ companies: number; open: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const all = await trx.selectFrom('company').select(COLUMNS).orderBy('id').execute();
    const pairs: Candidate[] = [];
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) {
        const p = comparePair(all[i]!, all[j]!);
        if (p) pairs.push(p);
      }
    await trx.deleteFrom('companyDuplicate').where('status', '=', 'open').execute();
    for (let i = 0; i < pairs.length; i += 500) await savePairs(ctx, trx, pairs.slice(i, i + 500));
    const open = await trx
      .selectFrom('companyDuplicate')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, 'company.duplicates_rescanned', { type: 'company', id: null }, { pairs: pairs.length }, trx);
    return { companies: all.length, open: Number(open.n) };
  });
}

type PairRow = {
  id: string;
  companyA: string;
  companyB: string;
  score: number;
  reasons: string[];
  status: 'open' | 'merged' | 'dismissed';
  createdAt: Date;
  decidedAt: Date | null;
};

async function presentPairs(db: TenantDb, rows: PairRow[]): Promise<CompanyDuplicate[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.companyA, r.companyB]))];
  const companies = ids.length ? await db.selectFrom('company').selectAll().where('id', 'in', ids).execute() : [];
  const extras = await companyExtras(
    db,
    companies.map((c) => c.id),
  );
  const byId = new Map(companies.map((c, i) => [c.id, presentCompany(c, extras[i])]));
  return rows.map((r) => ({
    id: r.id,
    score: Number(r.score),
    reasons: r.reasons as CompanyDuplicate['reasons'],
    status: r.status,
    createdAt: new Date(r.createdAt).toISOString(),
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
    companies: [r.companyA, r.companyB]
      .flatMap((id) => byId.get(id) ?? [])
      .sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id)),
  }));
}

const PAIR_COLUMNS = ['id', 'companyA', 'companyB', 'score', 'reasons', 'status', 'createdAt', 'decidedAt'] as const;

/** Pairs by status, the most alike first; open pairs whose two companies still exist. */
export async function listCompanyDuplicates(ctx: Ctx, input: ListCompanyDuplicatesInput) {
  let q = ctx.db
    .selectFrom('companyDuplicate as d')
    .select(PAIR_COLUMNS.map((c) => `d.${c}` as const))
    .where('d.status', '=', input.status)
    .$if(input.status !== 'merged', (qb) =>
      qb
        .where((eb) => eb.exists(eb.selectFrom('company as a').select('a.id').whereRef('a.id', '=', 'd.companyA')))
        .where((eb) => eb.exists(eb.selectFrom('company as b').select('b.id').whereRef('b.id', '=', 'd.companyB'))),
    )
    .orderBy('d.score', 'desc')
    .orderBy('d.id')
    .limit(input.limit + 1);
  if (input.cursor) {
    const [score, id] = decodeCursor(input.cursor, 'cdup', ['number', 'string'] as const);
    q = q.where((eb) => eb.or([eb('d.score', '<', score), eb.and([eb('d.score', '=', score), eb('d.id', '>', id)])]));
  }
  const rows = (await q.execute()) as PairRow[];
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: await presentPairs(ctx.db, page),
    nextCursor: rows.length > input.limit && last ? encodeCursor('cdup', [Number(last.score), last.id]) : null,
  };
}

/** Dismisses a pair: the two are different companies and are not queued again. */
export async function dismissCompanyDuplicate(ctx: Ctx, pairId: string): Promise<CompanyDuplicate> {
  return ctx.db.transaction().execute(async (trx) => {
    const pair = await trx
      .selectFrom('companyDuplicate')
      .select(PAIR_COLUMNS)
      .where('id', '=', pairId)
      .forUpdate()
      .executeTakeFirst();
    if (!pair) throw notFound('Duplicate pair');
    if (pair.status === 'merged')
      throw conflict('duplicate_merged', 'These companies were merged already: there is nothing to dismiss');
    const row =
      pair.status === 'dismissed'
        ? pair
        : await trx
            .updateTable('companyDuplicate')
            .set({
              status: 'dismissed',
              decidedAt: new Date(),
              decidedByType: ctx.actor.actorType,
              decidedById: ctx.actor.actorId,
            })
            .where('id', '=', pairId)
            .returning(PAIR_COLUMNS)
            .executeTakeFirstOrThrow();
    if (pair.status !== 'dismissed')
      await recordAudit(
        ctx,
        'company.duplicate_dismissed',
        { type: 'company', id: pair.companyA },
        { pairId, other: pair.companyB },
        trx,
      );
    return (await presentPairs(trx, [row]))[0]!;
  });
}

/** Marks the pair of two companies merged (in the merge's transaction); other open pairs of the merged one go. */
export async function closeMergedPairs(ctx: Ctx, trx: TenantDb, survivorId: string, mergedId: string): Promise<void> {
  const [a, b] = survivorId < mergedId ? [survivorId, mergedId] : [mergedId, survivorId];
  await trx
    .updateTable('companyDuplicate')
    .set({
      status: 'merged',
      decidedAt: new Date(),
      decidedByType: ctx.actor.actorType,
      decidedById: ctx.actor.actorId,
    })
    .where('companyA', '=', a)
    .where('companyB', '=', b)
    .execute();
  await trx
    .deleteFrom('companyDuplicate')
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('companyA', '=', mergedId), eb('companyB', '=', mergedId)]))
    .execute();
}
