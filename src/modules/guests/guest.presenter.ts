import type { Ctx } from '../../core/context.ts';
import type { TenantDb } from '../../db/database.ts';
import type { GuestRow } from '../../db/schema.ts';
import type { Guest } from './guest.schemas.ts';

const DAY_MS = 86_400_000;

/**
 * Turns a page of guest rows into API guests: e-mails, phones, addresses and tag names are
 * loaded for the whole page in four queries (never one per guest).
 */
export async function presentGuests(ctx: Ctx, rows: GuestRow[], db: TenantDb = ctx.db): Promise<Guest[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const tagIds = [...new Set(rows.flatMap((r) => r.tagIds))];
  const [emails, phones, addresses, tags] = await Promise.all([
    db.selectFrom('guestEmail').selectAll().where('guestId', 'in', ids).orderBy('position').execute(),
    db.selectFrom('guestPhone').selectAll().where('guestId', 'in', ids).orderBy('position').execute(),
    db.selectFrom('guestAddress').selectAll().where('guestId', 'in', ids).orderBy('position').execute(),
    tagIds.length
      ? db.selectFrom('tag').select(['id', 'name']).where('id', 'in', tagIds).execute()
      : Promise.resolve([]),
  ]);
  const tagName = new Map(tags.map((t) => [t.id, t.name]));
  const byGuest = <T extends { guestId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(item.guestId, [...(map.get(item.guestId) ?? []), item]);
    return map;
  };
  const emailsOf = byGuest(emails);
  const phonesOf = byGuest(phones);
  const addressesOf = byGuest(addresses);
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    titleId: r.titleId,
    firstName: r.firstName,
    lastName: r.lastName,
    secondLastName: r.secondLastName,
    nativeName: r.nativeName,
    email: r.email,
    emails: (emailsOf.get(r.id) ?? []).map((e) => ({ email: e.email, primary: e.isPrimary, label: e.label })),
    phone: r.phone,
    phoneDisplay: r.phoneDisplay,
    phones: (phonesOf.get(r.id) ?? []).map((p) => ({
      e164: p.e164,
      display: p.display,
      primary: p.isPrimary,
      label: p.label,
    })),
    language: r.language,
    nationality: r.nationality,
    country: r.country,
    addresses: (addressesOf.get(r.id) ?? []).map((a) => ({
      id: a.id,
      name: a.name,
      street: a.street,
      city: a.city,
      region: a.region,
      postcode: a.postcode,
      country: a.country,
      primary: a.isPrimary,
    })),
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
    tags: r.tagIds.flatMap((id) => tagName.get(id) ?? []),
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
