import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { TenantDb } from '../../db/database.ts';
import type { GuestRow } from '../../db/schema.ts';
import type { Guest } from './guest.schemas.ts';

const DAY_MS = 86_400_000;

interface ListsJson {
  id: string;
  emails: Guest['emails'];
  phones: Guest['phones'];
  addresses: Guest['addresses'];
  /**
   * The page's tags as [id, name] pairs (the same on every row: computed once). Not an object keyed
   * by id: the camel-case plugin would rewrite "tag_…" keys.
   */
  tagNames: [string, string][];
}

/**
 * Turns a page of guest rows into API guests: their e-mails, phones, addresses and tag names come
 * for the whole page in one query (one round trip: on the embedded engine every query waits for
 * the single database session).
 */
export async function presentGuests(ctx: Ctx, rows: GuestRow[], db: TenantDb = ctx.db): Promise<Guest[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const tagIds = [...new Set(rows.flatMap((r) => r.tagIds))];
  const lists = await db
    .selectFrom('guest')
    .select([
      'guest.id',
      sql<ListsJson['emails']>`coalesce((
        select json_agg(json_build_object('email', e.email, 'primary', e.is_primary, 'label', e.label) order by e.position)
          from guest_email e where e.org_id = guest.org_id and e.guest_id = guest.id), '[]'::json)`.as('emails'),
      sql<ListsJson['phones']>`coalesce((
        select json_agg(json_build_object('e164', p.e164, 'display', p.display, 'primary', p.is_primary, 'label', p.label)
            order by p.position)
          from guest_phone p where p.org_id = guest.org_id and p.guest_id = guest.id), '[]'::json)`.as('phones'),
      sql<ListsJson['addresses']>`coalesce((
        select json_agg(json_build_object('id', a.id, 'name', a.name, 'street', a.street, 'city', a.city,
            'region', a.region, 'postcode', a.postcode, 'country', a.country, 'primary', a.is_primary) order by a.position)
          from guest_address a where a.org_id = guest.org_id and a.guest_id = guest.id), '[]'::json)`.as('addresses'),
      sql<ListsJson['tagNames']>`(
        select coalesce(json_agg(json_build_array(t.id, t.name)), '[]'::json)
          from tag t where t.org_id = ${ctx.orgId} and t.id = any(${tagIds}::text[]))`.as('tagNames'),
    ])
    .where('guest.id', 'in', ids)
    .execute();
  const listsOf = new Map<string, ListsJson>(lists.map((l) => [l.id, l]));
  const tagNames = new Map(lists[0]?.tagNames ?? []);
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    titleId: r.titleId,
    firstName: r.firstName,
    lastName: r.lastName,
    secondLastName: r.secondLastName,
    nativeName: r.nativeName,
    email: r.email,
    emails: listsOf.get(r.id)?.emails ?? [],
    phone: r.phone,
    phoneDisplay: r.phoneDisplay,
    phones: listsOf.get(r.id)?.phones ?? [],
    language: r.language,
    nationality: r.nationality,
    country: r.country,
    addresses: listsOf.get(r.id)?.addresses ?? [],
    birthDate: r.birthDate,
    document:
      r.documentType || r.documentNumber || r.documentCountry || r.documentExpiry
        ? {
            type: r.documentType,
            number: r.documentNumber,
            issuingCountry: r.documentCountry,
            expiry: r.documentExpiry,
          }
        : null,
    marketingConsent: r.marketingConsent,
    tags: r.tagIds.flatMap((id) => tagNames.get(id) ?? []),
    groupIds: r.groupIds,
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
  }));
}

/** One guest as the API shows it. */
export async function presentGuest(ctx: Ctx, row: GuestRow, db: TenantDb = ctx.db): Promise<Guest> {
  const [guest] = await presentGuests(ctx, [row], db);
  if (!guest) throw new Error('presentGuests returned nothing for one row');
  return guest;
}
