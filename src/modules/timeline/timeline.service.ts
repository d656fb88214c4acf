import { sql, type RawBuilder } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { invalid, notFound } from '../../core/errors.ts';
import { visibleTo, type ThreadViewer } from '../communication/index.ts';
import { canReadPersonalData, fieldValueFor, maskEmail, maskFreeText } from '../guests/index.ts';
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

/** Position in the timeline: newest first by (at, kind, id); `at` kept to the microsecond as PostgreSQL has it. */
interface Position {
  at: string;
  kind: string;
  id: string;
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
 * The keyset condition of one branch, whose rows all have the same kind: rows strictly after the
 * cursor in (at desc, kind desc, id desc) order, written so the branch's (guest, at, id) index serves it.
 */
function after(kind: TimelineKind, c: Position | null, at: RawBuilder<unknown>, id: RawBuilder<unknown>) {
  if (!c) return sql`true`;
  const cAt = sql`${c.at}::timestamptz`;
  if (kind < c.kind) return sql`${at} <= ${cAt}`;
  if (kind > c.kind) return sql`${at} < ${cAt}`;
  return sql`(${at} < ${cAt} or (${at} = ${cAt} and ${id} < ${c.id}))`;
}

/**
 * A guest's timeline (issue 16 point 5, SPEC M-1), newest first: bookings made / changed / cancelled,
 * thread messages in and out (and internal notes), contact-form submissions, e-mails from the outbox,
 * customer-account registrations, consent changes, merges into the profile and profile changes. One
 * UNION ALL over the existing tables; each branch is ordered and limited on its own index.
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
  const org = ctx.orgId;
  const n = query.limit + 1;
  const kinds = new Set<TimelineKind>(query.kind && query.kind.length > 0 ? query.kind : TIMELINE_KINDS);
  const branches: RawBuilder<unknown>[] = [];
  const tail = sql`order by at desc, id desc limit ${n}`;

  if (kinds.has('booking')) {
    branches.push(sql`(select b.created_at as at, 'booking' as kind, b.id as id, 'made' as event,
        b.reference as title, null::text as body, b.id as ref_id, null::text as actor_name,
        jsonb_build_object('reference', b.reference, 'checkIn', b.check_in, 'checkOut', b.check_out,
          'status', b.status, 'total', b.total, 'currency', b.currency, 'source', b.source, 'role', bg.role) as data
      from booking_guest bg join booking b on b.org_id = bg.org_id and b.id = bg.booking_id
      where bg.org_id = ${org} and bg.guest_id = ${guestId}
        and ${after('booking', cursor, sql`b.created_at`, sql`b.id`)}
      ${tail})`);
    branches.push(sql`(select a.created_at as at, 'booking' as kind, a.id as id,
        case a.action when 'booking.cancelled' then 'cancelled' else 'changed' end as event,
        b.reference as title, null::text as body, b.id as ref_id, s.name as actor_name,
        jsonb_build_object('reference', b.reference, 'checkIn', b.check_in, 'checkOut', b.check_out,
          'status', b.status, 'action', a.action) as data
      from booking_guest bg
      join booking b on b.org_id = bg.org_id and b.id = bg.booking_id
      join audit_log a on a.org_id = bg.org_id and a.entity_type = 'booking' and a.entity_id = bg.booking_id
        and a.action in ('booking.updated', 'booking.cancelled', 'booking.guest_replaced')
      left join staff_user s on s.org_id = a.org_id and s.id = a.actor_id and a.actor_type = 'staff'
      where bg.org_id = ${org} and bg.guest_id = ${guestId}
        and ${after('booking', cursor, sql`a.created_at`, sql`a.id`)}
      ${tail})`);
  }
  if (kinds.has('message'))
    branches.push(sql`(select m.created_at as at, 'message' as kind, m.id as id, m.direction as event,
        t.subject as title, m.body as body, t.id as ref_id, m.author_name as actor_name,
        jsonb_build_object('threadId', t.id, 'status', t.status, 'emailMessageId', m.email_message_id) as data
      from thread t join thread_message m on m.org_id = t.org_id and m.thread_id = t.id
      where t.org_id = ${org} and t.guest_id = ${guestId} and ${visibleTo(viewer, org)}
        and ${after('message', cursor, sql`m.created_at`, sql`m.id`)}
      ${tail})`);
  if (kinds.has('form'))
    branches.push(sql`(select t.created_at as at, 'form' as kind, t.id as id, 'submitted' as event,
        t.subject as title, null::text as body, t.id as ref_id, t.contact_name as actor_name,
        jsonb_build_object('threadId', t.id, 'hotelContactId', t.hotel_contact_id, 'status', t.status) as data
      from thread t
      where t.org_id = ${org} and t.guest_id = ${guestId} and t.origin = 'contact_form' and ${visibleTo(viewer, org)}
        and ${after('form', cursor, sql`t.created_at`, sql`t.id`)}
      ${tail})`);
  if (kinds.has('email'))
    branches.push(sql`(select e.created_at as at, 'email' as kind, e.id as id, e.status as event,
        e.subject as title, e.to_address as body, e.id as ref_id, null::text as actor_name,
        jsonb_build_object('template', e.event, 'language', e.language, 'sentAt', e.sent_at, 'opened', null) as data
      from email_message e
      where e.org_id = ${org} and e.guest_id = ${guestId}
        and ${after('email', cursor, sql`e.created_at`, sql`e.id`)}
      ${tail})`);
  if (kinds.has('registration'))
    branches.push(sql`(select ca.created_at as at, 'registration' as kind, ca.id as id, ca.origin as event,
        ca.username as title, null::text as body, ca.id as ref_id, null::text as actor_name,
        jsonb_build_object('status', ca.status, 'emailVerifiedAt', ca.email_verified_at) as data
      from customer_account ca
      where ca.org_id = ${org} and ca.guest_id = ${guestId}
        and ${after('registration', cursor, sql`ca.created_at`, sql`ca.id`)}
      ${tail})`);
  if (kinds.has('consent'))
    branches.push(sql`(select gc.at as at, 'consent' as kind, gc.id as id, gc.status as event,
        gc.purpose as title, null::text as body, null::text as ref_id, null::text as actor_name,
        jsonb_build_object('channel', gc.channel, 'purpose', gc.purpose, 'source', gc.source,
          'wordingVersion', gc.wording_version, 'wordingLanguage', gc.wording_language) as data
      from guest_consent gc
      where gc.org_id = ${org} and gc.guest_id = ${guestId}
        and ${after('consent', cursor, sql`gc.at`, sql`gc.id`)}
      ${tail})`);
  if (kinds.has('merge'))
    branches.push(sql`(select gm.created_at as at, 'merge' as kind, gm.id as id,
        case when gm.undone_at is null then 'merged' else 'undone' end as event,
        array_to_string(gm.merged_names, ', ') as title, null::text as body, gm.id as ref_id,
        gm.created_by_name as actor_name,
        jsonb_build_object('mergedIds', gm.merged_ids, 'undoneAt', gm.undone_at) as data
      from guest_merge gm
      where gm.org_id = ${org} and gm.survivor_id = ${guestId}
        and ${after('merge', cursor, sql`gm.created_at`, sql`gm.id`)}
      ${tail})`);
  if (kinds.has('change'))
    branches.push(sql`(select h.created_at as at, 'change' as kind, h.id as id, h.field as event,
        h.field as title, null::text as body, null::text as ref_id, h.actor_name as actor_name,
        jsonb_build_object('field', h.field, 'oldValue', h.old_value, 'newValue', h.new_value) as data
      from guest_history h
      where h.org_id = ${org} and h.guest_id = ${guestId}
        and ${after('change', cursor, sql`h.created_at`, sql`h.id`)}
      ${tail})`);

  const res = await sql<Row>`
    select to_char(u.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
           u.kind, u.id, u.event, u.title, u.body, u.ref_id, u.actor_name, u.data
      from (${sql.join(branches, sql` union all `)}) u
     order by u.at desc, u.kind desc, u.id desc
     limit ${n}`.execute(ctx.db);
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
