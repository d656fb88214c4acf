import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import type { DB } from '../../db/schema.ts';
import { assertMaySearchContact } from '../guests/index.ts';
import { companyExtras, presentCompany } from './company.presenter.ts';
import type { Company, ListCompaniesInput } from './company.schemas.ts';

const escapeLike = (text: string) => text.replace(/[%_\\]/g, '\\$&');
const likeOf = (text: string) => `%${escapeLike(text.toLowerCase())}%`;

/** The list's conditions: search (name, legal name, tax id, a contact's name or e-mail) and filters. */
function conditions(eb: ExpressionBuilder<DB, 'company'>, query: ListCompaniesInput): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (query.q) {
    const like = likeOf(query.q);
    const taxLike = `%${escapeLike(query.q.toUpperCase().replace(/[\s.\-/]/g, ''))}%`;
    const words = query.q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
    const contacts = eb
      .selectFrom('companyContact as cc')
      .innerJoin('guest as g', (j) => j.onRef('g.orgId', '=', 'cc.orgId').onRef('g.id', '=', 'cc.guestId'))
      .select('cc.companyId')
      .where((w) =>
        w.or([
          // Every word of the query in the contact's first or last name.
          w.and(words.map((word) => w(sql<string>`lower(g.first_name || ' ' || g.last_name)`, 'like', likeOf(word)))),
          w(sql<string>`lower(coalesce(g.email, ''))`, 'like', like),
          w.exists(
            w
              .selectFrom('guestEmail as ge')
              .select('ge.guestId')
              .whereRef('ge.orgId', '=', 'cc.orgId')
              .whereRef('ge.guestId', '=', 'cc.guestId')
              .where('ge.email', 'like', like),
          ),
        ]),
      );
    out.push(
      eb.or([
        eb(sql<string>`lower(company.name)`, 'like', like),
        eb(sql<string>`lower(coalesce(company.legal_name, ''))`, 'like', like),
        ...(taxLike.length > 4 ? [eb('company.taxId', 'like', taxLike)] : []),
        eb('company.id', 'in', contacts),
      ]),
    );
  }
  if (query.country) out.push(eb('company.country', '=', query.country));
  if (query.status) out.push(eb('company.status', '=', query.status));
  if (query.groupId) out.push(eb('company.groupId', '=', query.groupId));
  if (query.tag) out.push(sql<SqlBool>`${query.tag} = any (company.tags)`);
  if (query.hasPurchasing !== undefined) {
    const purchasing = eb
      .selectFrom('companyContact as p')
      .select('p.companyId')
      .whereRef('p.orgId', '=', 'company.orgId')
      .whereRef('p.companyId', '=', 'company.id')
      .where(sql<SqlBool>`'purchasing' = any (p.roles)`);
    out.push(query.hasPurchasing ? eb.exists(purchasing) : eb.not(eb.exists(purchasing)));
  }
  return out;
}

/** Companies by name, filtered and searched, by pages `{items, nextCursor, total}`. */
export async function listCompanies(
  ctx: Ctx,
  query: ListCompaniesInput,
): Promise<{ items: Company[]; nextCursor: string | null; total: number }> {
  assertMaySearchContact(ctx, query.q);
  let page = ctx.db
    .selectFrom('company')
    .selectAll('company')
    .select(sql<string>`lower(company.name)`.as('sortName'))
    .where((eb) => eb.and(conditions(eb, query)));
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor, 'companies', ['string', 'string']);
    page = page.where((eb) =>
      eb.or([
        eb(sql<string>`lower(company.name)`, '>', name),
        eb.and([eb(sql<string>`lower(company.name)`, '=', name), eb('company.id', '>', id)]),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    page
      .orderBy(sql`lower(company.name)`)
      .orderBy('company.id')
      .limit(query.limit + 1)
      .execute(),
    ctx.db
      .selectFrom('company')
      .select(sql<number>`count(*)::int`.as('n'))
      .where((eb) => eb.and(conditions(eb, query)))
      .executeTakeFirstOrThrow(),
  ]);
  const shown = rows.slice(0, query.limit);
  const extras = await companyExtras(
    ctx.db,
    shown.map((r) => r.id),
  );
  const last = shown.at(-1);
  return {
    items: shown.map((r, i) => presentCompany(r, extras[i])),
    nextCursor: rows.length > query.limit && last ? encodeCursor('companies', [last.sortName, last.id]) : null,
    total: Number(count.n),
  };
}
