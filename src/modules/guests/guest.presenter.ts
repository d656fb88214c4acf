import { sql, type AliasedSelectQueryBuilder } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { TenantDb } from '../../db/database.ts';
import type { GuestRow } from '../../db/schema.ts';
import type { Guest } from './guest.schemas.ts';
import { guestsFor } from './personal-data.ts';
import { maskedDocumentNumber } from './guest-document.ts';

const DAY_MS = 86_400_000;

/** The list-valued fields of a guest as the API shows them, selected with its row (guestListColumns). */
export interface GuestListColumns {
  emails: Guest['emails'];
  phones: Guest['phones'];
  addresses: Guest['addresses'];
  /** The names of the guest's tags, in its tag_ids order (an id without a tag row is skipped). */
  tagNames: string[];
}

/** A guest row with its lists, ready to present without another query. */
export type ListedGuestRow = GuestRow & GuestListColumns;

/**
 * The e-mails, phones, addresses and tag names of each row of `guest` (a table or a derived table
 * aliased `guest` carrying org_id, id and tag_ids), as correlated subqueries: a page query selects
 * them with its rows, so a list page is one statement (on the embedded engine every statement waits
 * for the single database session) and each guest's key is looked up once. Put them on a query
 * that returns only the page's rows (a LIMITed subquery, or ids), never under a sort or a join that
 * reads more rows.
 */
export function guestListColumns() {
  return [
    sql<GuestListColumns['emails']>`coalesce((
      select json_agg(json_build_object('email', e.email, 'primary', e.is_primary, 'label', e.label) order by e.position)
        from guest_email e where e.org_id = guest.org_id and e.guest_id = guest.id), '[]'::json)`.as('emails'),
    sql<GuestListColumns['phones']>`coalesce((
      select json_agg(json_build_object('e164', p.e164, 'display', p.display, 'primary', p.is_primary, 'label', p.label)
          order by p.position)
        from guest_phone p where p.org_id = guest.org_id and p.guest_id = guest.id), '[]'::json)`.as('phones'),
    sql<GuestListColumns['addresses']>`coalesce((
      select json_agg(json_build_object('id', a.id, 'name', a.name, 'street', a.street, 'city', a.city,
          'region', a.region, 'postcode', a.postcode, 'country', a.country, 'primary', a.is_primary) order by a.position)
        from guest_address a where a.org_id = guest.org_id and a.guest_id = guest.id), '[]'::json)`.as('addresses'),
    // One primary-key lookup per tag id (a join was planned as a hash join over every tag of the
    // organisation, per guest: 0.25 ms each).
    sql<GuestListColumns['tagNames']>`coalesce((
      select json_agg(x.name order by x.i)
        from (select u.i, (select t.name from tag t where t.org_id = guest.org_id and t.id = u.id) as name
                from unnest(guest.tag_ids) with ordinality u(id, i)) x
       where x.name is not null), '[]'::json)`.as('tagNames'),
  ] as const;
}

/**
 * Turns a page of guest rows into API guests: their e-mails, phones, addresses and tag names come
 * for the whole page in one query. A list page selects them with its rows instead
 * (guestListColumns, presentListedGuests).
 */
export async function presentGuests(ctx: Ctx, rows: GuestRow[], db: TenantDb = ctx.db): Promise<Guest[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const tagIds = [...new Set(rows.flatMap((r) => r.tagIds))];
  const [emails, phones, addresses] = guestListColumns();
  const lists = await db
    .selectFrom('guest')
    .select([
      'guest.id',
      emails,
      phones,
      addresses,
      // The page's tags as [id, name] pairs (the same on every row: computed once). Not an object
      // keyed by id: the camel-case plugin would rewrite "tag_…" keys.
      sql<[string, string][]>`(
        select coalesce(json_agg(json_build_array(t.id, t.name)), '[]'::json)
          from tag t where t.org_id = ${ctx.orgId} and t.id = any(${tagIds}::text[]))`.as('pageTags'),
    ])
    .where('guest.id', 'in', ids)
    .execute();
  const listsOf = new Map(lists.map((l) => [l.id, l]));
  const tagNames = new Map(lists[0]?.pageTags ?? []);
  return presentListedGuests(
    ctx,
    rows.map((r) => {
      const l = listsOf.get(r.id);
      return {
        ...r,
        emails: l?.emails ?? [],
        phones: l?.phones ?? [],
        addresses: l?.addresses ?? [],
        tagNames: r.tagIds.flatMap((id) => tagNames.get(id) ?? []),
      };
    }),
  );
}

/**
 * API guests from rows that carry their lists (guestListColumns), personal data masked unless the
 * request may read it (personal-data.ts).
 */
export function presentListedGuests(ctx: Pick<Ctx, 'permissions'>, rows: ListedGuestRow[]): Guest[] {
  const now = Date.now();
  return guestsFor(
    ctx,
    rows.map((r) => ({
      id: r.id,
      titleId: r.titleId,
      firstName: r.firstName,
      lastName: r.lastName,
      secondLastName: r.secondLastName,
      nativeName: r.nativeName,
      email: r.email,
      emails: r.emails,
      phone: r.phone,
      phoneDisplay: r.phoneDisplay,
      phones: r.phones,
      language: r.language,
      nationality: r.nationality,
      country: r.country,
      addresses: r.addresses,
      birthDate: r.birthDate,
      document:
        r.documentType || r.documentNumber || r.documentCountry || r.documentExpiry
          ? {
              type: r.documentType,
              // Masked for everyone: the number itself only through the audited reveal call.
              number: maskedDocumentNumber(r.documentNumber),
              issuingCountry: r.documentCountry,
              expiry: r.documentExpiry,
            }
          : null,
      marketingConsent: r.marketingConsent,
      tags: r.tagNames,
      groupIds: r.groupIds,
      systemGroupManual: r.systemGroupManual,
      companyId: r.companyId,
      userId: r.userId,
      username: r.username,
      bookingCount: r.bookingCount,
      revenue: Number(r.revenue),
      rfm: {
        recencyDays: Math.max(0, Math.floor((now - r.lastActivityAt.getTime()) / DAY_MS)),
        frequency: r.bookingCount,
        lifetimeValue: Number(r.revenue),
      },
      firstContactAt: r.firstContactAt.toISOString(),
      lastActivityAt: r.lastActivityAt.toISOString(),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      source: r.source,
      blocked: r.blockedAt ? { at: r.blockedAt.toISOString(), reason: r.blockReason } : null,
    })),
  );
}

/** One guest as the API shows it. */
export async function presentGuest(ctx: Ctx, row: GuestRow, db: TenantDb = ctx.db): Promise<Guest> {
  const [guest] = await presentGuests(ctx, [row], db);
  if (!guest) throw new Error('presentGuests returned nothing for one row');
  return guest;
}

/**
 * A page query (its rows already LIMITed to the page) whose rows come with their lists: the page is
 * a derived table named `guest`, so the lists are looked up for its rows only. Order it again
 * outside (`orderBy` on the page's own columns): a derived table's order is not kept by SQL.
 */
export function withGuestLists<O extends GuestRow>(
  db: TenantDb,
  page: { as<A extends string>(alias: A): AliasedSelectQueryBuilder<O, A> },
) {
  return db.selectFrom(page.as('guest')).selectAll('guest').select(guestListColumns());
}
