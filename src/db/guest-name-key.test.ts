import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/support/app.ts';
import { engineName } from '../../test/support/db.ts';
import { nameKeyDrift } from '../../test/support/search-index.ts';
import { nameTokens } from '../modules/identity/matching/index.ts';

/**
 * `guest_name_key` (migration 2026-12-10-0101): the namesake index of the resolver. Its words are
 * folded exactly as `nameTokens` folds them, and triggers keep it right when guests are inserted,
 * renamed, merged away and erased; a profile is found by its two name words in either order.
 */
describe(`guest name keys (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    await t.addRoomType(s, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 500 });
  });
  afterAll(() => t.close());

  const db = () => t.database.system;
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload }) });
  const keysOf = async (guestId: string) =>
    (
      await sql<{ key: string }>`
        select key from guest_name_key where org_id = ${t.orgId} and guest_id = ${guestId} order by key`.execute(db())
    ).rows.map((r) => r.key);
  /** What the keys should be, from nameTokens: ≤ 3 first-name words × ≤ 4 last-name words, each pair sorted. */
  const expectedKeys = (first: string | null, last: string | null, second: string | null) => {
    const f = nameTokens(first).slice(0, 3);
    const l = [...nameTokens(last), ...nameTokens(second)].slice(0, 4);
    return [...new Set(f.flatMap((a) => l.map((b) => (a <= b ? `${a} ${b}` : `${b} ${a}`))))].sort();
  };
  const book = async (customer: Record<string, unknown>) => {
    const res = await call('POST', '/api/v1/bookings', {
      source: 'api',
      externalRef: `NK-${++n}`,
      checkIn: '2027-09-01',
      checkOut: '2027-09-02',
      roomTypeName: 'double',
      customer,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().customerId as string;
  };

  const NAMES = [
    'María del Carmen',
    'de la Fuente',
    'de la',
    "O'Neill",
    'D’Arcy',
    'Müller-Lüdenscheidt',
    'STRAẞE Straße',
    'Æsir Œdipe Øre Łódź Đorđe Ðan Þór',
    'ÆSIR ŒDIPE ØRE ŁÓDŹ',
    'Nguyễn Văn',
    'Jose\u0301 Garci\u0301a',
    'Zoë 2nd',
    'Ñandú  Lü',
    'A.B. C,D;E:F/G\\H',
    'Jean_Pierre (Jr) [x] {y}',
    'Anne\u00a0Marie\u2009Lou\u3000X',
    'van der Berg',
    'Mc Donald',
    'Bin Laden & Co!',
    'İbrahim',
    'Иван Petrov',
    '山田 太郎',
    '—–‒‑‐Dash—',
    '',
    '  ',
  ];

  it('folds name words exactly as nameTokens does', async () => {
    const { rows } = await sql<{ t: string; w: string[] }>`
      select x.t, name_key_words(x.t) as w from unnest(${NAMES}::text[]) x(t)`.execute(db());
    expect(rows.map((r) => [r.t, r.w])).toEqual(NAMES.map((name) => [name, nameTokens(name)]));
  });

  it('writes the keys of guests inserted in one statement, and follows a rename', async () => {
    const guests = NAMES.map((name, i) => ({
      id: `gst_nk_${String(i).padStart(3, '0')}`,
      first: name,
      last: NAMES[(i * 7 + 3) % NAMES.length]!,
      second: i % 3 === 0 ? NAMES[(i + 5) % NAMES.length]! : null,
    }));
    await sql`
      insert into guest (org_id, id, first_name, last_name, second_last_name, source)
      select ${t.orgId}, x.id, x.first, x.last, x.second, 'import'
        from jsonb_to_recordset(${JSON.stringify(guests)}::jsonb) as x(id text, first text, last text, second text)`.execute(
      db(),
    );
    for (const g of guests) expect(await keysOf(g.id), g.id).toEqual(expectedKeys(g.first, g.last, g.second));
    expect((await keysOf('gst_nk_000')).length).toBeGreaterThan(0);
    expect(await nameKeyDrift(db(), t.orgId)).toEqual({ missing: 0, extra: 0 });

    // A rename through the API replaces the keys; a change of another field leaves them.
    const id = await book({ firstName: 'Ramona', lastName: 'Villalba', email: 'ramona@example.com' });
    expect(await keysOf(id)).toEqual(['ramona villalba']);
    const renamed = await call('PATCH', `/api/v1/guests/${id}`, { lastName: 'Etxeberria Zubiri' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await keysOf(id)).toEqual(['etxeberria ramona', 'ramona zubiri']);
    expect((await call('PATCH', `/api/v1/guests/${id}`, { language: 'fr' })).statusCode).toBe(200);
    expect(await keysOf(id)).toEqual(['etxeberria ramona', 'ramona zubiri']);
    expect(await nameKeyDrift(db(), t.orgId)).toEqual({ missing: 0, extra: 0 });
  });

  it('finds a namesake with the names swapped, and queues it for review', async () => {
    // Without an e-mail or phone, the name is the only key: the namesake lookup is what finds "a".
    const a = await book({ firstName: 'Casilda', lastName: 'Orbegozo', birthDate: '1980-04-12' });
    const b = await book({ firstName: 'Orbegozo', lastName: 'Casilda', birthDate: '1980-04-12' });
    expect(b).not.toBe(a);
    const pairs = await t.database
      .forOrg(t.orgId)
      .selectFrom('duplicateCandidate')
      .select(['guestA', 'guestB'])
      .where('guestA', 'in', [a, b])
      .where('guestB', 'in', [a, b])
      .execute();
    expect(pairs).toHaveLength(1);
  });

  it('removes the keys of profiles merged away (back on undo) and of an erased guest', async () => {
    const a = await book({ firstName: 'Fulgencio', lastName: 'Arrieta', email: 'fulgencio@example.com' });
    const b = await book({ firstName: 'Fulgencio', lastName: 'Arrieta', email: 'f.arrieta@example.org' });
    const c = await book({ firstName: 'Fulgencio', lastName: 'Arrieta', phone: '+34 699 111 222' });
    expect(new Set([a, b, c]).size).toBe(3);
    const merged = await call('POST', '/api/v1/guests/merge', { guestIds: [a, b], survivorId: a });
    expect(merged.statusCode, merged.body).toBe(201);
    expect(await keysOf(a)).toEqual(['arrieta fulgencio']);
    expect(await keysOf(b)).toEqual([]);
    // An undo puts the merged profile back with its keys; merged again, they go again.
    const undone = await call('POST', `/api/v1/merges/${(merged.json().merge as { id: string }).id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(await keysOf(b)).toEqual(['arrieta fulgencio']);
    expect((await call('POST', '/api/v1/guests/merge', { guestIds: [a, b], survivorId: a })).statusCode).toBe(201);
    expect(await keysOf(b)).toEqual([]);
    // The booking is past and done: the guest may be erased.
    await db()
      .updateTable('booking')
      .set({ checkIn: '2024-02-01', checkOut: '2024-02-02' })
      .where('customerId', '=', c)
      .execute();
    const erased = await call('DELETE', `/api/v1/guests/${c}`);
    expect(erased.statusCode, erased.body).toBe(204);
    expect(await keysOf(c)).toEqual([]);
    expect(await keysOf(a)).toEqual(['arrieta fulgencio']);
    expect(await nameKeyDrift(db(), t.orgId)).toEqual({ missing: 0, extra: 0 });
  });
});
