import type { TenantDb } from '../../db/database.ts';

/**
 * For the guest merge (I-5): an account of a merged-away profile follows it to the survivor
 * (its sessions keep working: they resolve the guest through the account), and undo gives it
 * back. Same signatures as the merge module's interim helpers so it can switch to these.
 */
export async function moveCustomerAccounts(
  trx: TenantDb,
  fromIds: string[],
  toId: string,
): Promise<{ id: string; guestId: string; ownsProfile?: boolean }[]> {
  if (!fromIds.length) return [];
  const accounts = await trx
    .selectFrom('customerAccount')
    .select(['id', 'guestId', 'ownsProfile'])
    .where('guestId', 'in', fromIds)
    .execute();
  if (accounts.length)
    await trx
      .updateTable('customerAccount')
      // The survivor is not a profile made from the account's own entries (issue 11, 1).
      .set({ guestId: toId, ownsProfile: false, updatedAt: new Date() })
      .where('guestId', 'in', fromIds)
      .execute();
  return accounts.map((a) => ({ id: a.id, guestId: a.guestId as string, ownsProfile: a.ownsProfile }));
}

/** Gives accounts back to the profiles an undone merge restores. */
export async function restoreCustomerAccounts(
  trx: TenantDb,
  moved: { id: string; guestId: string; ownsProfile?: boolean }[],
  fromId: string,
): Promise<void> {
  for (const a of moved)
    await trx
      .updateTable('customerAccount')
      .set({ guestId: a.guestId, ownsProfile: a.ownsProfile ?? false, updatedAt: new Date() })
      .where('id', '=', a.id)
      .where('guestId', '=', fromId)
      .execute();
}
