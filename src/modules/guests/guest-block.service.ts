import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import type { GuestRow } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { recordGuestChanges } from './guest-history.service.ts';
import { getGuest } from './guest-profile.service.ts';

type Blocked = { at: string; reason: string | null } | null;

const blockedOf = (r: { blockedAt: Date | null; blockReason: string | null }): Blocked =>
  r.blockedAt ? { at: r.blockedAt.toISOString(), reason: r.blockReason } : null;

/** G-11: blocks a guest (new bookings for them are flagged at once), or clears the block with `reason` null. */
export async function setGuestBlock(ctx: Ctx, id: string, reason: string | null): Promise<GuestRow> {
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('guest')
      .select(['id', 'blockedAt', 'blockReason'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('Guest');
    if (reason === null && !current.blockedAt) return;
    if (reason !== null && current.blockedAt && current.blockReason === reason) return;
    const next = reason === null ? { blockedAt: null, blockReason: null } : { blockedAt: now, blockReason: reason };
    await trx
      .updateTable('guest')
      .set({ ...next, updatedAt: now })
      .where('id', '=', id)
      .execute();
    await recordGuestChanges(
      ctx,
      trx,
      id,
      [{ field: 'blocked', oldValue: blockedOf(current), newValue: blockedOf(next) }],
      now,
    );
    await recordAudit(
      ctx,
      reason === null ? 'guest.unblocked' : 'guest.blocked',
      { type: 'guest', id },
      // The reason is free text about a person: it stays on the profile and its history, not in the audit log.
      {},
      trx,
    );
  });
  return getGuest(ctx, id);
}
