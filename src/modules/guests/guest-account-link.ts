import type { Ctx } from '../../core/context.ts';
import { invalid, notFound } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import { recordGuestChanges } from './guest-history.service.ts';

/**
 * Links a guest profile to its customer account (A-6: the profile IS the customer), in the
 * caller's transaction. The username is set once and never changes; linking the same account
 * again is a no-op.
 */
export async function linkGuestAccount(
  ctx: Ctx,
  trx: TenantDb,
  guestId: string,
  account: { userId: string; username: string },
): Promise<void> {
  const cur = await trx
    .selectFrom('guest')
    .select(['id', 'userId', 'username'])
    .where('id', '=', guestId)
    .forUpdate()
    .executeTakeFirst();
  if (!cur) throw notFound('Guest');
  if (cur.userId === account.userId && cur.username === account.username) return;
  if (cur.username !== null && cur.username !== account.username) {
    throw invalid('username_immutable', 'The account username can never be changed', [
      { field: 'username', message: 'cannot be changed once set', code: 'username_immutable' },
    ]);
  }
  const now = new Date();
  await trx
    .updateTable('guest')
    .set({ userId: account.userId, username: account.username, updatedAt: now })
    .where('id', '=', guestId)
    .execute();
  if (cur.username !== account.username) {
    await recordGuestChanges(
      ctx,
      trx,
      guestId,
      [{ field: 'username', oldValue: null, newValue: account.username }],
      now,
    );
  }
}
