import { sql } from 'kysely';
import type { TenantDb } from '../../db/database.ts';
import type { CompanyContactRole } from '../../db/schema.ts';
import { CONTACT_ROLES } from './company.schemas.ts';

/** What a guest merge changed in company contacts, so that undoing it gives it back. */
export interface CompanyContactMoves {
  /** The merged-away profiles' links, as they were (the merge deleted them). */
  links: { companyId: string; guestId: string; roles: CompanyContactRole[]; invitedAt: string | null }[];
  /** The survivor's links to those companies before the merge (`roles: null`: it had none). */
  survivor: { companyId: string; roles: CompanyContactRole[] | null }[];
  /** Bookings whose contact was a merged-away profile. */
  bookings: { bookingId: string; contactId: string }[];
}

const ordered = (roles: Iterable<CompanyContactRole>) => CONTACT_ROLES.filter((r) => new Set(roles).has(r));

/**
 * Moves the company contacts of `fromIds` to `toId` (SPEC I-5 merge), in the caller's transaction:
 * the survivor becomes a contact of each of their companies with the union of the roles (the
 * purchasing role included: it was one of the merged people's), and their bookings' contact follows.
 */
export async function moveCompanyContacts(
  trx: TenantDb,
  orgId: string,
  fromIds: string[],
  toId: string,
): Promise<CompanyContactMoves> {
  const links = await trx
    .selectFrom('companyContact')
    .select(['companyId', 'guestId', 'roles', 'invitedAt'])
    .where('guestId', 'in', fromIds)
    .orderBy('companyId')
    .orderBy('guestId')
    .execute();
  if (!links.length) return { links: [], survivor: [], bookings: [] };
  const companyIds = [...new Set(links.map((l) => l.companyId))];
  const own = await trx
    .selectFrom('companyContact')
    .select(['companyId', 'roles'])
    .where('guestId', '=', toId)
    .where('companyId', 'in', companyIds)
    .execute();
  const ownRoles = new Map(own.map((o) => [o.companyId, o.roles]));
  // The purchasing role leaves the merged rows first: the survivor takes it without two holders.
  await trx
    .updateTable('companyContact')
    .set({ roles: sql<CompanyContactRole[]>`array_remove(roles, 'purchasing')` })
    .where('guestId', 'in', fromIds)
    .execute();
  for (const companyId of companyIds) {
    const merged = links.filter((l) => l.companyId === companyId);
    const roles = ordered([...(ownRoles.get(companyId) ?? []), ...merged.flatMap((l) => l.roles)]);
    if (ownRoles.has(companyId))
      await trx
        .updateTable('companyContact')
        .set({ roles, updatedAt: new Date() })
        .where('companyId', '=', companyId)
        .where('guestId', '=', toId)
        .execute();
    else {
      const invited = merged.flatMap((l) => (l.invitedAt ? [new Date(l.invitedAt)] : [])).sort((a, b) => +a - +b);
      await trx
        .insertInto('companyContact')
        .values({ orgId, companyId, guestId: toId, roles, invitedAt: invited[0] ?? null })
        .execute();
    }
  }
  const bookings = await trx
    .selectFrom('booking')
    .select(['id as bookingId', 'contactId'])
    .where('contactId', 'in', fromIds)
    .execute();
  if (bookings.length)
    await trx.updateTable('booking').set({ contactId: toId }).where('contactId', 'in', fromIds).execute();
  await trx.deleteFrom('companyContact').where('guestId', 'in', fromIds).execute();
  return {
    links: links.map((l) => ({ ...l, invitedAt: l.invitedAt ? new Date(l.invitedAt).toISOString() : null })),
    survivor: companyIds.map((companyId) => ({ companyId, roles: ownRoles.get(companyId) ?? null })),
    bookings: bookings.map((b) => ({ bookingId: b.bookingId, contactId: b.contactId! })),
  };
}

/**
 * Gives back what `moveCompanyContacts` did (merge undo), after the merged profiles are restored:
 * their links return (without the purchasing role if someone else holds it now), the survivor's
 * links go back to their roles before the merge, the moved bookings to their contact.
 */
export async function restoreCompanyContacts(
  trx: TenantDb,
  orgId: string,
  moves: CompanyContactMoves | undefined,
  survivorId: string,
): Promise<void> {
  if (!moves?.links.length) return;
  for (const s of moves.survivor)
    await trx
      .updateTable('companyContact')
      .set({ roles: s.roles ?? [], updatedAt: new Date() })
      .where('companyId', '=', s.companyId)
      .where('guestId', '=', survivorId)
      .execute();
  for (const l of moves.links) {
    const taken = await trx
      .selectFrom('companyContact')
      .select('guestId')
      .where('companyId', '=', l.companyId)
      .where(sql<boolean>`'purchasing' = any (roles)`)
      .executeTakeFirst();
    await trx
      .insertInto('companyContact')
      .values({
        orgId,
        companyId: l.companyId,
        guestId: l.guestId,
        roles: taken ? l.roles.filter((r) => r !== 'purchasing') : l.roles,
        invitedAt: l.invitedAt,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  for (const b of moves.bookings)
    await trx
      .updateTable('booking')
      .set({ contactId: b.contactId })
      .where('id', '=', b.bookingId)
      .where('contactId', '=', survivorId)
      .execute();
  const added = moves.survivor.filter((s) => s.roles === null).map((s) => s.companyId);
  if (added.length)
    await trx.deleteFrom('companyContact').where('guestId', '=', survivorId).where('companyId', 'in', added).execute();
}
