import { sql, type RawBuilder } from 'kysely';
import { visibleTo, type ThreadViewer } from '../communication/index.ts';
import type { TimelineKind } from './timeline.schemas.ts';

/** Position in the timeline: newest first by (at, kind, id); `at` kept to the microsecond as PostgreSQL has it. */
export interface Position {
  at: string;
  kind: string;
  id: string;
}

/** What a part's SQL needs: the organisation, the guest, who is looking, the cursor and the page size + 1. */
export interface PartInput {
  org: string;
  guestId: string;
  viewer: ThreadViewer;
  cursor: Position | null;
  n: number;
}

/**
 * One source of timeline events. `keys` selects `(at, kind, id, part)` of the guest's newest rows
 * after the cursor, ordered `at desc, id desc` and limited to n, from an index in that order (or,
 * for rows reached through the guest's bookings or threads, one index probe per booking or thread,
 * itself ordered and limited). `detail` selects `event, title, body, ref_id, actor_name, data` of
 * the one row `p.id` of the page `p` (a primary-key lookup), run only for the page's rows.
 */
interface Part {
  kind: TimelineKind;
  keys(i: PartInput): RawBuilder<unknown>;
  detail(i: PartInput): RawBuilder<unknown>;
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
  // `at <= c` first: an index range bound, so the scan starts at the cursor instead of filtering its way there.
  return sql`${at} <= ${cAt} and (${at} < ${cAt} or ${id} < ${c.id})`;
}

const newest = (n: number) => sql`order by at desc, id desc limit ${n}`;

/** A part read from one table (as `x`; `t` for thread) by its (org_id, <guest column>, <at column> desc, id desc) index. */
function direct(
  kind: TimelineKind,
  table: string,
  guestColumn: string,
  atColumn: string,
  detail: (i: PartInput) => RawBuilder<unknown>,
  extra: (i: PartInput) => RawBuilder<unknown> = () => sql`true`,
): Part {
  const x = table === 'thread' ? 't' : 'x';
  const [from, g, a, id] = [
    sql.raw(`${table} ${x}`),
    sql.ref(`${x}.${guestColumn}`),
    sql.ref(`${x}.${atColumn}`),
    sql.ref(`${x}.id`),
  ];
  return {
    kind,
    keys: (i) => sql`(select ${a} as at, ${sql.lit(kind)} as kind, ${id} as id, ${sql.lit(kind)} as part from ${from}
      where ${sql.ref(`${x}.org_id`)} = ${i.org} and ${g} = ${i.guestId} and ${extra(i)}
        and ${after(kind, i.cursor, a, id)}
      ${newest(i.n)})`,
    detail,
  };
}

/** The parts by name (`part` in the first pass): a booking's "made" and "changed" come from different tables. */
export const PARTS: Record<string, Part> = {
  made: {
    kind: 'booking',
    // One primary-key probe of booking per booking of the guest (`offset 0` keeps it a probe: a
    // flattened join may hash the whole booking table).
    keys: (i) => sql`(select b.at, 'booking' as kind, b.id, 'made' as part
      from booking_guest bg cross join lateral (
        select b.created_at as at, b.id from booking b
         where b.org_id = bg.org_id and b.id = bg.booking_id
           and ${after('booking', i.cursor, sql`b.created_at`, sql`b.id`)}
        offset 0) b
      where bg.org_id = ${i.org} and bg.guest_id = ${i.guestId}
      ${newest(i.n)})`,
    detail: (i) => sql`select 'made' as event, b.reference as title, null::text as body, b.id as ref_id,
        null::text as actor_name,
        jsonb_build_object('reference', b.reference, 'checkIn', b.check_in, 'checkOut', b.check_out,
          'status', b.status, 'total', b.total, 'currency', b.currency, 'source', b.source, 'role', bg.role) as data
      from booking b join booking_guest bg on bg.org_id = b.org_id and bg.booking_id = b.id and bg.guest_id = ${i.guestId}
      where p.part = 'made' and b.org_id = ${i.org} and b.id = p.id`,
  },
  changed: {
    kind: 'booking',
    // One probe of audit_log (org_id, entity_type, entity_id, created_at desc) per booking of the guest.
    keys: (i) => sql`(select a.at, 'booking' as kind, a.id, 'changed' as part
      from booking_guest bg cross join lateral (
        select a.created_at as at, a.id from audit_log a
         where a.org_id = bg.org_id and a.entity_type = 'booking' and a.entity_id = bg.booking_id
           and a.action in ('booking.updated', 'booking.cancelled', 'booking.guest_replaced')
           and ${after('booking', i.cursor, sql`a.created_at`, sql`a.id`)}
         ${newest(i.n)}) a
      where bg.org_id = ${i.org} and bg.guest_id = ${i.guestId}
      ${newest(i.n)})`,
    detail: (i) => sql`select case a.action when 'booking.cancelled' then 'cancelled' else 'changed' end as event,
        b.reference as title, null::text as body, b.id as ref_id, s.name as actor_name,
        jsonb_build_object('reference', b.reference, 'checkIn', b.check_in, 'checkOut', b.check_out,
          'status', b.status, 'action', a.action) as data
      from audit_log a
      join booking b on b.org_id = a.org_id and b.id = a.entity_id
      left join staff_user s on s.org_id = a.org_id and s.id = a.actor_id and a.actor_type = 'staff'
      where p.part = 'changed' and a.org_id = ${i.org} and a.id = p.id`,
  },
  message: {
    kind: 'message',
    // One probe of thread_message (org_id, thread_id, created_at, id), read backwards, per thread of the guest.
    keys: (i) => sql`(select m.at, 'message' as kind, m.id, 'message' as part
      from thread t cross join lateral (
        select m.created_at as at, m.id from thread_message m
         where m.org_id = t.org_id and m.thread_id = t.id and ${after('message', i.cursor, sql`m.created_at`, sql`m.id`)}
         ${newest(i.n)}) m
      where t.org_id = ${i.org} and t.guest_id = ${i.guestId} and ${visibleTo(i.viewer, i.org)}
      ${newest(i.n)})`,
    detail: (i) => sql`select m.direction as event, t.subject as title, m.body as body, t.id as ref_id,
        m.author_name as actor_name,
        jsonb_build_object('threadId', t.id, 'status', t.status, 'emailMessageId', m.email_message_id) as data
      from thread_message m join thread t on t.org_id = m.org_id and t.id = m.thread_id
      where p.part = 'message' and m.org_id = ${i.org} and m.id = p.id`,
  },
  form: direct(
    'form',
    'thread',
    'guest_id',
    'created_at',
    (i) => sql`select 'submitted' as event, t.subject as title, null::text as body, t.id as ref_id,
        t.contact_name as actor_name,
        jsonb_build_object('threadId', t.id, 'hotelContactId', t.hotel_contact_id, 'status', t.status) as data
      from thread t
      where p.part = 'form' and t.org_id = ${i.org} and t.id = p.id`,
    (i) => sql`t.origin = 'contact_form' and ${visibleTo(i.viewer, i.org)}`,
  ),
  email: direct(
    'email',
    'email_message',
    'guest_id',
    'created_at',
    (
      i,
    ) => sql`select e.status as event, e.subject as title, e.to_address as body, e.id as ref_id, null::text as actor_name,
        jsonb_build_object('template', e.event, 'language', e.language, 'sentAt', e.sent_at, 'opened', null) as data
      from email_message e
      where p.part = 'email' and e.org_id = ${i.org} and e.id = p.id`,
  ),
  registration: direct(
    'registration',
    'customer_account',
    'guest_id',
    'created_at',
    (i) => sql`select ca.origin as event, ca.username as title, null::text as body, ca.id as ref_id,
        null::text as actor_name,
        jsonb_build_object('status', ca.status, 'emailVerifiedAt', ca.email_verified_at) as data
      from customer_account ca
      where p.part = 'registration' and ca.org_id = ${i.org} and ca.id = p.id`,
  ),
  consent: direct(
    'consent',
    'guest_consent',
    'guest_id',
    'at',
    (i) => sql`select gc.status as event, gc.purpose as title, null::text as body, null::text as ref_id,
        null::text as actor_name,
        jsonb_build_object('channel', gc.channel, 'purpose', gc.purpose, 'source', gc.source,
          'wordingVersion', gc.wording_version, 'wordingLanguage', gc.wording_language) as data
      from guest_consent gc
      where p.part = 'consent' and gc.org_id = ${i.org} and gc.id = p.id`,
  ),
  merge: direct(
    'merge',
    'guest_merge',
    'survivor_id',
    'created_at',
    (i) => sql`select case when gm.undone_at is null then 'merged' else 'undone' end as event,
        array_to_string(gm.merged_names, ', ') as title, null::text as body, gm.id as ref_id,
        gm.created_by_name as actor_name,
        jsonb_build_object('mergedIds', gm.merged_ids, 'undoneAt', gm.undone_at) as data
      from guest_merge gm
      where p.part = 'merge' and gm.org_id = ${i.org} and gm.id = p.id`,
  ),
  change: direct(
    'change',
    'guest_history',
    'guest_id',
    'created_at',
    (i) => sql`select h.field as event, h.field as title, null::text as body, null::text as ref_id,
        h.actor_name as actor_name,
        jsonb_build_object('field', h.field, 'oldValue', h.old_value, 'newValue', h.new_value) as data
      from guest_history h
      where p.part = 'change' and h.org_id = ${i.org} and h.id = p.id`,
  ),
};
