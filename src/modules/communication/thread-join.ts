import { AppError, conflict, invalid } from '../../core/errors.ts';
import type { Ctx } from '../../core/context.ts';
import { recordAudit } from '../audit/index.ts';
import { visibleTo, type ThreadViewer } from './thread-access.ts';
import { THREAD_PRIORITIES } from './thread.schemas.ts';
import { getThread, type ThreadWithBooking } from './thread.service.ts';

/**
 * Merges `otherId` into `survivorId` (M-2; not the guest merge of thread-merge.ts): the other
 * thread's messages move to the survivor (read in time order), its reply token and id become an
 * alias of the survivor (e-mail answers to either thread land in the survivor; the old id answers
 * 404 `thread_merged` naming it), and the survivor's waiting flag and status are recomputed from
 * the last guest or staff message. Both threads must be visible to the viewer; threads about two
 * different guests are refused (merge the guests first). Both rows are locked in id order, so two
 * merges of the same pair, or a message arriving meanwhile, wait for each other.
 */
export async function joinThreads(
  ctx: Ctx,
  viewer: ThreadViewer,
  survivorId: string,
  otherId: string,
): Promise<ThreadWithBooking> {
  if (survivorId === otherId)
    throw invalid('same_thread', 'A thread cannot be merged into itself', [
      { field: 'otherThreadId', message: 'choose another thread' },
    ]);
  return ctx.db.transaction().execute(async (trx) => {
    const locked = new Map<string, ThreadWithBooking>();
    for (const id of [survivorId, otherId].sort())
      locked.set(id, await getThread(ctx, viewer, id, trx, { lock: true }));
    const survivor = locked.get(survivorId)!;
    const other = locked.get(otherId)!;
    if (survivor.guestId && other.guestId && survivor.guestId !== other.guestId)
      throw conflict('thread_guest_mismatch', 'These threads are about two different guests: merge the guests first', [
        { field: 'otherThreadId', message: 'another guest' },
      ]);
    const moved = await trx
      .updateTable('threadMessage')
      .set({ threadId: survivorId })
      .where('threadId', '=', otherId)
      .executeTakeFirst();
    const last = await trx
      .selectFrom('threadMessage')
      .select('direction')
      .where('threadId', '=', survivorId)
      .where('direction', '!=', 'note')
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const waiting = last ? last.direction === 'in' : survivor.waitingForReply || other.waitingForReply;
    const status = waiting
      ? 'open'
      : survivor.status === 'open' && survivor.waitingForReply
        ? 'waiting_for_guest'
        : survivor.status;
    // Aliases pointing at the merged thread follow it; then its own alias; then it goes.
    await trx.updateTable('threadAlias').set({ survivorId }).where('survivorId', '=', otherId).execute();
    await trx
      .insertInto('threadAlias')
      .values({ orgId: ctx.orgId, threadId: otherId, survivorId, replyToken: other.replyToken })
      .execute();
    await trx.deleteFrom('thread').where('id', '=', otherId).execute();
    const rank = (p: string) => THREAD_PRIORITIES.indexOf(p as (typeof THREAD_PRIORITIES)[number]);
    await trx
      .updateTable('thread')
      .set({
        messageCount: survivor.messageCount + Number(moved.numUpdatedRows),
        lastActivityAt: survivor.lastActivityAt > other.lastActivityAt ? survivor.lastActivityAt : other.lastActivityAt,
        waitingForReply: waiting,
        status,
        priority: rank(other.priority) > rank(survivor.priority) ? other.priority : survivor.priority,
        tags: [...new Set([...survivor.tags, ...other.tags])].slice(0, 20),
        guestId: survivor.guestId ?? other.guestId,
        bookingId: survivor.bookingId ?? other.bookingId,
        assigneeId: survivor.assigneeId ?? other.assigneeId,
        contactEmail: survivor.contactEmail ?? other.contactEmail,
        contactPhone: survivor.contactPhone ?? other.contactPhone,
        language: survivor.language ?? other.language,
      })
      .where('id', '=', survivorId)
      .execute();
    await recordAudit(
      ctx,
      'thread.merged',
      { type: 'thread', id: survivorId },
      { mergedThreadId: otherId, movedMessages: Number(moved.numUpdatedRows) },
      trx,
    );
    return getThread(ctx, viewer, survivorId, trx);
  });
}

/**
 * The answer for a thread id that is not (or no longer) a thread: when it was merged into a thread
 * the viewer may see, 404 `thread_merged` naming the survivor (`details[0].message`); otherwise the
 * plain 404 it was.
 */
export async function mergedThreadError(
  ctx: Ctx,
  viewer: ThreadViewer,
  id: string,
  original: AppError,
): Promise<AppError> {
  const alias = await ctx.db
    .selectFrom('threadAlias as a')
    .innerJoin('thread as t', (j) => j.onRef('t.id', '=', 'a.survivorId'))
    .select('a.survivorId')
    .where('a.threadId', '=', id)
    .where(visibleTo(viewer, ctx.orgId))
    .executeTakeFirst();
  if (!alias) return original;
  return new AppError('not_found', 'thread_merged', `This thread was merged into ${alias.survivorId}`, [
    { field: 'id', code: 'merged_into', message: alias.survivorId },
  ]);
}
