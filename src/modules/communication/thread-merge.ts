import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Merge: the survivor inherits the merged profiles' threads; answers what moved (for an undo). */
export async function moveGuestThreads(
  trx: Kysely<DB>,
  fromGuestIds: string[],
  toGuestId: string,
): Promise<{ id: string; guestId: string }[]> {
  if (!fromGuestIds.length) return [];
  const moved = await trx.selectFrom('thread').select(['id', 'guestId']).where('guestId', 'in', fromGuestIds).execute();
  if (!moved.length) return [];
  await trx.updateTable('thread').set({ guestId: toGuestId }).where('guestId', 'in', fromGuestIds).execute();
  await trx
    .updateTable('threadMessage')
    .set({ authorId: toGuestId })
    .where('authorType', '=', 'guest')
    .where('authorId', 'in', fromGuestIds)
    .execute();
  return moved.flatMap((t) => (t.guestId ? [{ id: t.id, guestId: t.guestId }] : []));
}

/** Undo of a merge: the threads that moved go back to their profiles. */
export async function restoreGuestThreads(
  trx: Kysely<DB>,
  moved: { id: string; guestId: string }[],
  fromGuestId: string,
): Promise<void> {
  for (const t of moved) {
    await trx
      .updateTable('thread')
      .set({ guestId: t.guestId })
      .where('id', '=', t.id)
      .where('guestId', '=', fromGuestId)
      .execute();
    await trx
      .updateTable('threadMessage')
      .set({ authorId: t.guestId })
      .where('threadId', '=', t.id)
      .where('authorType', '=', 'guest')
      .where('authorId', '=', fromGuestId)
      .execute();
  }
}
