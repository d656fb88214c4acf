import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

interface Page {
  items: { id: string; kind: string; at: string }[];
  nextCursor: string | null;
}

/** One planted event: what the timeline must return, in (at desc, kind desc, id desc) order. */
interface Planted {
  kind: string;
  id: string;
  at: string;
}

const T0 = Date.parse('2026-06-01T12:00:00Z');
/**
 * The i-th instant of a kind: 25 distinct seconds with 0–2 µs added, so events share instants within
 * their kind and with other kinds (the keyset's tie-breaks on kind and id) and differ by a microsecond.
 */
const at = (i: number) => `${new Date(T0 - ((i * 7) % 25) * 1000).toISOString().slice(0, 19)}.00000${i % 3}Z`;
/** Lower-case letters and digits of one length: the same order in JavaScript and in any collation. */
const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(4, '0')}`;

/**
 * Issue 16 point 5: a guest with hundreds of events of every kind (same-instant ties across and within
 * kinds, microsecond steps), planted in the tables the timeline reads, comes back page after page
 * exactly once each, in order, for every page size and kind filter.
 */
describe(`guest timeline paging over many events (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let guestId: string;
  const planted: Planted[] = [];

  const pages = async (limit: number, kind = '') => {
    const out: Planted[] = [];
    let cursor: string | null = null;
    let calls = 0;
    do {
      const res: { statusCode: number; body: string; json: () => unknown } = await t.app.inject({
        method: 'GET',
        url: `/api/v1/guests/${guestId}/timeline?limit=${limit}${kind ? `&kind=${kind}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers: { cookie: owner.cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as Page;
      expect(page.items.length).toBeLessThanOrEqual(limit);
      out.push(...page.items.map((e) => ({ kind: e.kind, id: e.id, at: e.at })));
      cursor = page.nextCursor;
      calls++;
    } while (cursor && calls < 1000);
    return out;
  };
  const expected = (kinds?: string[]) =>
    planted
      .filter((p) => !kinds || kinds.includes(p.kind))
      .sort((a, b) =>
        a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.kind !== b.kind ? (a.kind < b.kind ? 1 : -1) : a.id < b.id ? 1 : -1,
      )
      .map((p) => ({ ...p, at: `${p.at.slice(0, 23)}Z` }));

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    const make = async (firstName: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/guests',
        headers: owner.headers,
        payload: { firstName, lastName: 'Paging' },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    guestId = await make('Many');
    const other = await make('Other');
    const { propertyId, roomTypeId } = await t.addRoomType(owner, {
      name: 'Paging double',
      capacity: 2,
      nightlyPrice: 80,
      roomCount: 5,
    });
    const db = t.database.system;
    const org = t.orgId;
    // Creating a profile records its first values: those rows go, so the timeline holds only what is planted.
    await sql`delete from guest_history where org_id = ${org} and guest_id in (${guestId}, ${other})`.execute(db);
    expect(await pages(50)).toEqual([]);
    const add = (kind: string, i: number, prefix: string) => {
      const e = { kind, id: id(prefix, i), at: at(i) };
      planted.push(e);
      return e;
    };
    // Each row of the guest is mirrored for another guest (same instants): it must not show.
    for (const [guest, p] of [
      [guestId, ''],
      [other, 'z'],
    ] as const) {
      const mine = guest === guestId;
      const plant = (kind: string, i: number, prefix: string) =>
        mine ? add(kind, i, prefix) : { kind, id: id(`${p}${prefix}`, i), at: at(i) };
      for (let i = 0; i < 30; i++) {
        const b = plant('booking', i, 'bkg');
        await sql`insert into booking (org_id, id, reference, property_id, room_type_id, customer_id, check_in, check_out,
            source, created_by_type, created_at)
          values (${org}, ${b.id}, ${`PG${p}${i}`}, ${propertyId}, ${roomTypeId}, ${guest}, '2027-01-01', '2027-01-02',
            'api', 'system', ${b.at}::timestamptz)`.execute(db);
        await sql`insert into booking_guest (org_id, booking_id, guest_id, role)
          values (${org}, ${b.id}, ${guest}, 'customer')`.execute(db);
        const a = plant('booking', i + 100, 'aud');
        await sql`insert into audit_log (org_id, id, actor_type, action, entity_type, entity_id, created_at)
          values (${org}, ${a.id}, 'system', ${i % 3 === 0 ? 'booking.cancelled' : 'booking.updated'}, 'booking', ${b.id},
            ${a.at}::timestamptz)`.execute(db);
      }
      for (let i = 0; i < 25; i++) {
        // 20 contact-form threads (a form event each) and 5 e-mailed ones, 3 messages each.
        const thr = i < 20 ? plant('form', i, 'thr') : { id: id(`${p}thr`, i), at: at(i) };
        await sql`insert into thread (org_id, id, guest_id, subject, origin, reply_token, created_at)
          values (${org}, ${thr.id}, ${guest}, ${`Question ${i}`}, ${i < 20 ? 'contact_form' : 'email'},
            ${`tok${p}${thr.id}`}, ${thr.at}::timestamptz)`.execute(db);
        for (let k = 0; k < 3; k++) {
          const m = plant('message', i * 3 + k, 'msg');
          await sql`insert into thread_message (org_id, id, thread_id, direction, body, author_type, created_at)
            values (${org}, ${m.id}, ${thr.id}, ${['in', 'out', 'note'][k]}, 'Hello', 'system', ${m.at}::timestamptz)`.execute(
            db,
          );
        }
      }
      for (let i = 0; i < 40; i++) {
        const e = plant('email', i, 'eml');
        await sql`insert into email_message (org_id, id, event, to_address, language, subject, body_text, status, guest_id, created_at)
          values (${org}, ${e.id}, 'booking.confirmation', 'many@example.org', 'en', 'Your booking', 'Body', 'sent',
            ${guest}, ${e.at}::timestamptz)`.execute(db);
        const c = plant('consent', i, 'cns');
        await sql`insert into guest_consent (org_id, id, guest_id, subject_guest_id, channel, purpose, status, at, source)
          values (${org}, ${c.id}, ${guest}, ${guest}, 'sms', 'marketing', ${i % 2 ? 'granted' : 'withdrawn'},
            ${c.at}::timestamptz, 'staff')`.execute(db);
        const h = plant('change', i, 'hst');
        await sql`insert into guest_history (org_id, id, guest_id, actor_type, field, old_value, new_value, created_at)
          values (${org}, ${h.id}, ${guest}, 'system', 'language', '"en"'::jsonb, '"fr"'::jsonb, ${h.at}::timestamptz)`.execute(
          db,
        );
      }
      for (let i = 0; i < 10; i++) {
        const g = plant('merge', i, 'mrg');
        await sql`insert into guest_merge (org_id, id, survivor_id, merged_ids, merged_names, snapshot, moves, created_at, created_by_type)
          values (${org}, ${g.id}, ${guest}, ${[`gstgone${p}${i}`]}, ${['Gone Guest']}, '{}'::jsonb, '{}'::jsonb,
            ${g.at}::timestamptz, 'system')`.execute(db);
      }
      const r = plant('registration', 7, 'cac');
      await sql`insert into customer_account (org_id, id, guest_id, username, created_at)
        values (${org}, ${r.id}, ${guest}, ${`${p}many@example.org`}, ${r.at}::timestamptz)`.execute(db);
    }
  });
  afterAll(() => t.close());

  it('returns every event exactly once, in order, whatever the page size', async () => {
    const want = expected();
    expect(want.length).toBe(60 + 20 + 75 + 40 * 3 + 10 + 1);
    for (const limit of [200, 50, 13, 1]) expect(await pages(limit), `limit ${limit}`).toEqual(want);
  });

  it('does the same for a kind filter', async () => {
    for (const kinds of [['booking', 'message'], ['email'], ['form', 'merge', 'registration', 'change', 'consent']])
      expect(await pages(11, kinds.join(',')), kinds.join(',')).toEqual(expected(kinds));
  });
});
