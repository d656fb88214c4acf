import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { invalid, notFound } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { assertMaySearchContact } from '../guests/index.ts';
import { visibleTo, type ThreadViewer } from './thread-access.ts';
import type { ThreadMessageRow, ThreadRow } from './thread.presenter.ts';
import type { ListThreadsInput, UpdateThreadInput } from './thread.schemas.ts';

export type ThreadWithBooking = ThreadRow & { bookingReference: string | null };

const likeOf = (q: string) => `%${q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;

function threadQuery(ctx: Ctx, db: TenantDb, viewer: ThreadViewer) {
  return db
    .selectFrom('thread as t')
    .where(visibleTo(viewer, ctx.orgId))
    .where(sql<SqlBool>`t.org_id = ${ctx.orgId}`);
}

/**
 * The inbox (M-2): threads the viewer may see, last activity first, filtered by status, waiting
 * for a reply, assignee (`none`: unassigned), contact, guest, or words (messages, subject, sender,
 * booking reference); with the total of the filtered list.
 */
export async function listThreads(
  ctx: Ctx,
  viewer: ThreadViewer,
  query: ListThreadsInput,
): Promise<{ rows: ThreadWithBooking[]; nextCursor: string | null; total: number }> {
  assertMaySearchContact(ctx, query.q);
  let q = threadQuery(ctx, ctx.db, viewer);
  if (query.status) q = q.where('t.status', '=', query.status);
  if (query.waitingForReply) q = q.where('t.waitingForReply', '=', query.waitingForReply === 'true');
  if (query.assigneeId === 'none') q = q.where('t.assigneeId', 'is', null);
  else if (query.assigneeId) q = q.where('t.assigneeId', '=', query.assigneeId);
  if (query.hotelContactId) q = q.where('t.hotelContactId', '=', query.hotelContactId);
  if (query.guestId) q = q.where('t.guestId', '=', query.guestId);
  if (query.q) {
    const like = likeOf(query.q);
    const exact = query.q.toLowerCase();
    q = q.where(
      sql<SqlBool>`(lower(t.subject) like ${like} or lower(t.contact_name) like ${like}
        or lower(coalesce(t.contact_email, '')) like ${like}
        or exists (select 1 from thread_message m
                    where m.org_id = ${ctx.orgId} and m.thread_id = t.id and lower(m.body) like ${like})
        or exists (select 1 from guest g where g.org_id = ${ctx.orgId} and g.id = t.guest_id
                    and lower(g.first_name || ' ' || g.last_name) like ${like})
        or exists (select 1 from booking b where b.org_id = ${ctx.orgId} and b.id = t.booking_id
                    and (lower(b.reference) = ${exact} or lower(b.external_ref) = ${exact})))`,
    );
  }
  const counted = await q.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  let page = q;
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 'threads', ['timestamp', 'string']);
    page = page.where(sql<SqlBool>`(t.last_activity_at, t.id) < (${at}::timestamptz, ${id})`);
  }
  const rows = await page
    .selectAll('t')
    .select(
      sql<string | null>`(select b.reference from booking b where b.org_id = t.org_id and b.id = t.booking_id)`.as(
        'bookingReference',
      ),
    )
    .orderBy('t.lastActivityAt', 'desc')
    .orderBy('t.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    rows: items,
    nextCursor:
      rows.length > query.limit && last ? encodeCursor('threads', [last.lastActivityAt.toISOString(), last.id]) : null,
    total: Number(counted.n),
  };
}

/** A thread the viewer may see, or 404 (another organisation's, or a contact's the viewer is not on). */
export async function getThread(
  ctx: Ctx,
  viewer: ThreadViewer,
  id: string,
  db: TenantDb = ctx.db,
  options: { lock?: boolean } = {},
): Promise<ThreadWithBooking> {
  let q = threadQuery(ctx, db, viewer)
    .selectAll('t')
    .select(
      sql<string | null>`(select b.reference from booking b where b.org_id = t.org_id and b.id = t.booking_id)`.as(
        'bookingReference',
      ),
    )
    .where('t.id', '=', id);
  if (options.lock) q = q.forUpdate('t');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('Thread');
  return row;
}

/** A thread's messages, oldest first. */
export async function listThreadMessages(ctx: Ctx, threadId: string): Promise<ThreadMessageRow[]> {
  return ctx.db
    .selectFrom('threadMessage')
    .selectAll()
    .where('threadId', '=', threadId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** Changes status, priority, assignee, tags, subject, the linked booking or guest (each checked to be the org's). */
export async function updateThread(
  ctx: Ctx,
  viewer: ThreadViewer,
  id: string,
  patch: UpdateThreadInput,
): Promise<ThreadWithBooking> {
  return ctx.db.transaction().execute(async (trx) => {
    await getThread(ctx, viewer, id, trx, { lock: true });
    const exists = async (table: 'staffUser' | 'booking' | 'guest', value: string, field: string, code: string) => {
      const row = await trx.selectFrom(table).select('id').where('id', '=', value).executeTakeFirst();
      if (!row) throw invalid(code, `Unknown ${field.replace(/Id$/, '')}`, [{ field, message: 'not found' }]);
    };
    if (patch.assigneeId) await exists('staffUser', patch.assigneeId, 'assigneeId', 'unknown_staff');
    if (patch.bookingId) await exists('booking', patch.bookingId, 'bookingId', 'unknown_booking');
    if (patch.guestId) await exists('guest', patch.guestId, 'guestId', 'unknown_guest');
    await trx
      .updateTable('thread')
      .set({
        ...patch,
        ...(patch.tags ? { tags: [...new Set(patch.tags)] } : {}),
        lastActivityAt: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(ctx, 'thread.updated', { type: 'thread', id }, { fields: Object.keys(patch) }, trx);
    return getThread(ctx, viewer, id, trx);
  });
}
