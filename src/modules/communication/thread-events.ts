import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { Database } from '../../db/database.ts';
import { visibleTo, type ThreadViewer } from './thread-access.ts';

/** The channel the thread triggers notify (migration 2026-12-09-0501) with the organisation's id. */
export const THREADS_CHANNEL = 'clientela_threads';

/** How many threads the viewer may see wait for a staff reply (the menu's count). */
export async function countWaiting(ctx: Ctx, viewer: ThreadViewer): Promise<number> {
  const row = await ctx.db
    .selectFrom('thread as t')
    .where(visibleTo(viewer, ctx.orgId))
    .where('t.waitingForReply', '=', true)
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Watches one viewer's waiting count: `push` gets the count at once, then each time it changes.
 * A burst of notifications (50 messages arriving together) costs at most one count in flight and
 * one after it. Answers the stop function.
 */
export async function watchWaitingCount(
  database: Database,
  ctx: Ctx,
  viewer: ThreadViewer,
  push: (count: number) => void,
  onError: (err: unknown) => void,
): Promise<() => void> {
  let last: number | undefined;
  let running = false;
  let again = false;
  let stopped = false;
  const recount = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const n = await countWaiting(ctx, viewer);
        if (!stopped && n !== last) {
          last = n;
          push(n);
        }
      } while (again && !stopped);
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  };
  const unsubscribe = await database.notifications.subscribe(THREADS_CHANNEL, (orgId) => {
    if (orgId === ctx.orgId || orgId === '') void recount();
  });
  await recount();
  return () => {
    stopped = true;
    unsubscribe();
  };
}
