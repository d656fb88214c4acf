import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { invalid, notFound } from '../../core/errors.ts';
import type { ThreadViewer } from '../communication/index.ts';
import { canReadPersonalData, fieldValueFor, maskEmail, maskFreeText } from '../guests/index.ts';
import { PARTS, type PartInput, type Position } from './timeline.parts.ts';
import { TIMELINE_KINDS, type TimelineEvent, type TimelineKind, type TimelineQueryInput } from './timeline.schemas.ts';

/** One row of the UNION: every branch selects these columns. */
interface Row {
  at: string;
  kind: TimelineKind;
  id: string;
  event: string;
  title: string | null;
  body: string | null;
  /** `ref_id` and `actor_name` in SQL: the camel-case plugin renames result columns. */
  refId: string | null;
  actorName: string | null;
  data: Record<string, unknown> | string | null;
}

const AT_MICROS = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function decodePosition(cursor: string): Position {
  const [at, kind, id] = decodeCursor(cursor, 'timeline', ['string', 'string', 'string']);
  const m = AT_MICROS.exec(at);
  const ms = new Date(`${at.slice(0, 23)}Z`);
  if (
    !m ||
    Number(m[1]) < 1 ||
    Number.isNaN(ms.getTime()) ||
    ms.toISOString().slice(0, 19) !== at.slice(0, 19) ||
    !(TIMELINE_KINDS as readonly string[]).includes(kind)
  )
    throw invalid('invalid_cursor', 'The cursor is not valid for this list', [
      { field: 'cursor', message: 'not a cursor of this list and sort order' },
    ]);
  return { at, kind, id };
}

/**
 * A guest's timeline (issue 16 point 5, SPEC M-1), newest first: bookings made / changed / cancelled,
 * thread messages in and out (and internal notes), contact-form submissions, e-mails from the outbox,
 * customer-account registrations, consent changes, merges into the profile and profile changes.
 *
 * One statement in two passes over the existing tables. The page: a UNION ALL of one branch per
 * part (timeline.parts.ts), each reading only keys `(at, kind, id)` of at most limit + 1 rows in
 * index order after the cursor, merged (Merge Append) and cut to limit + 1. Then, for those rows
 * only, a primary-key lookup per row builds the event (title, text, JSON details).
 */
export async function guestTimeline(
  ctx: Ctx,
  viewer: ThreadViewer,
  guestId: string,
  query: TimelineQueryInput,
): Promise<{ items: TimelineEvent[]; nextCursor: string | null }> {
  const cursor = query.cursor ? decodePosition(query.cursor) : null;
  const guest = await ctx.db.selectFrom('guest').select('id').where('id', '=', guestId).executeTakeFirst();
  if (!guest) throw notFound('Guest');
  const n = query.limit + 1;
  const input: PartInput = { org: ctx.orgId, guestId, viewer, cursor, n };
  const kinds = new Set<TimelineKind>(query.kind && query.kind.length > 0 ? query.kind : TIMELINE_KINDS);
  const parts = Object.values(PARTS).filter((p) => kinds.has(p.kind));
  const res = await sql<Row>`
    with p as materialized (
      select u.at, u.kind, u.id, u.part
        from (${sql.join(
          parts.map((p) => p.keys(input)),
          sql` union all `,
        )}) u
       order by u.at desc, u.kind desc, u.id desc
       limit ${n})
    select to_char(p.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
           p.kind, p.id, d.event, d.title, d.body, d.ref_id, d.actor_name, d.data
      from p cross join lateral (${sql.join(
        parts.map((p) => p.detail(input)),
        sql` union all `,
      )}) d
     order by p.at desc, p.kind desc, p.id desc`.execute(ctx.db);
  const rows = res.rows;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => present(ctx, r)),
    nextCursor: rows.length > query.limit && last ? encodeCursor('timeline', [last.at, last.kind, last.id]) : null,
  };
}

/** One event as this request may see it: message text, e-mail recipient and changed personal fields masked without personal-data:read. */
function present(ctx: Ctx, r: Row): TimelineEvent {
  const data = (typeof r.data === 'string' ? JSON.parse(r.data) : (r.data ?? {})) as Record<string, unknown>;
  const pd = canReadPersonalData(ctx);
  let { title, body } = r;
  if (r.kind === 'change') {
    data.oldValue = fieldValueFor(ctx, r.event, data.oldValue);
    data.newValue = fieldValueFor(ctx, r.event, data.newValue);
  }
  if (!pd) {
    if (r.kind === 'message' && body !== null) body = maskFreeText(body);
    if ((r.kind === 'message' || r.kind === 'email' || r.kind === 'form') && title !== null)
      title = maskFreeText(title);
    if (r.kind === 'email' && body !== null) body = maskEmail(body);
    if (r.kind === 'registration' && title !== null)
      title = title.includes('@') ? maskEmail(title) : maskFreeText(title);
  }
  return {
    id: r.id,
    kind: r.kind,
    event: r.event,
    at: `${r.at.slice(0, 23)}Z`,
    title,
    body,
    refId: r.refId,
    actorName: r.actorName,
    data,
  };
}
