import type { TenantDb } from '../../db/database.ts';
import type { GuestSnapshot } from './guest-merge.store.ts';

/** List items a merge adds to the survivor (positions and primary flags already decided). */
export interface SurvivorAdditions {
  emails: GuestSnapshot['emails'];
  phones: GuestSnapshot['phones'];
  addresses: GuestSnapshot['addresses'];
}

/** The columns a merge may set on the survivor. */
export type SurvivorColumns = Record<string, unknown>;

/** Writes the merged profile onto the survivor: chosen columns, then the list items it gains. */
export async function applyMergeToSurvivor(
  trx: TenantDb,
  orgId: string,
  guestId: string,
  columns: SurvivorColumns,
  add: SurvivorAdditions,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('guest')
    .set({ ...columns, updatedAt: at })
    .where('id', '=', guestId)
    .execute();
  if (add.emails.length)
    await trx
      .insertInto('guestEmail')
      .values(add.emails.map((e) => ({ ...e, orgId, guestId })))
      .execute();
  if (add.phones.length)
    await trx
      .insertInto('guestPhone')
      .values(add.phones.map((p) => ({ ...p, orgId, guestId })))
      .execute();
  if (add.addresses.length)
    await trx
      .insertInto('guestAddress')
      .values(add.addresses.map((a) => ({ ...a, orgId, guestId })))
      .execute();
}

/**
 * Takes back from the survivor what a merge gave it: the given columns and the list items that
 * came from the merged-away profiles (items added later stay). Primary flags and the copied
 * primary e-mail/phone are brought back in line afterwards.
 */
export async function undoMergeOnSurvivor(
  trx: TenantDb,
  guestId: string,
  columns: SurvivorColumns,
  remove: { emails: string[]; phones: string[]; addressIds: string[] },
  at: Date,
): Promise<void> {
  if (remove.emails.length)
    await trx.deleteFrom('guestEmail').where('guestId', '=', guestId).where('email', 'in', remove.emails).execute();
  if (remove.phones.length)
    await trx.deleteFrom('guestPhone').where('guestId', '=', guestId).where('e164', 'in', remove.phones).execute();
  if (remove.addressIds.length)
    await trx.deleteFrom('guestAddress').where('guestId', '=', guestId).where('id', 'in', remove.addressIds).execute();
  const primary = await ensurePrimaries(trx, guestId);
  await trx
    .updateTable('guest')
    .set({ ...columns, ...primary, updatedAt: at })
    .where('id', '=', guestId)
    .execute();
}

/** Makes sure each non-empty list has one primary item; returns the primary e-mail and phone. */
async function ensurePrimaries(trx: TenantDb, guestId: string) {
  const emails = await trx
    .selectFrom('guestEmail')
    .selectAll()
    .where('guestId', '=', guestId)
    .orderBy('position')
    .execute();
  const phones = await trx
    .selectFrom('guestPhone')
    .selectAll()
    .where('guestId', '=', guestId)
    .orderBy('position')
    .execute();
  const addresses = await trx
    .selectFrom('guestAddress')
    .select(['id', 'isPrimary'])
    .where('guestId', '=', guestId)
    .orderBy('position')
    .execute();
  let email = emails.find((e) => e.isPrimary);
  if (!email && emails[0]) {
    email = emails[0];
    await trx
      .updateTable('guestEmail')
      .set({ isPrimary: true })
      .where('guestId', '=', guestId)
      .where('email', '=', email.email)
      .execute();
  }
  let phone = phones.find((p) => p.isPrimary);
  if (!phone && phones[0]) {
    phone = phones[0];
    await trx
      .updateTable('guestPhone')
      .set({ isPrimary: true })
      .where('guestId', '=', guestId)
      .where('e164', '=', phone.e164)
      .execute();
  }
  const firstAddress = addresses[0];
  if (firstAddress && !addresses.some((a) => a.isPrimary))
    await trx.updateTable('guestAddress').set({ isPrimary: true }).where('id', '=', firstAddress.id).execute();
  return { email: email?.email ?? null, phone: phone?.e164 ?? null, phoneDisplay: phone?.display ?? null };
}
