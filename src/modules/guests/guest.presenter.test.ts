import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { phoneSearchTuning, wordSearchTuning } from './guest-search.service.ts';

interface ListBody {
  items: ({ id: string } & Record<string, unknown>)[];
  nextCursor: string | null;
  total: number;
}

/**
 * List pages select each guest's e-mails, phones, addresses and tag names with its row
 * (guestListColumns); a single guest is presented by presentGuests. Every list and search path must
 * show a guest exactly as GET /guests/{id} does, in the same order as the database sorts it.
 */
describe(`list pages present guests like the profile (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  const tuning = { phone: { ...phoneSearchTuning }, words: { ...wordSearchTuning } };

  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    const post = async (payload: Record<string, unknown>) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/guests', headers: s.headers, payload });
      if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
      return res.json<{ id: string }>().id;
    };
    const many = await post({
      firstName: 'Marta',
      lastName: 'Listado',
      language: 'es',
      marketingConsent: true,
      emails: [
        { email: 'marta.second@example.com', label: 'work' },
        { email: 'marta@example.com', primary: true, label: 'home' },
      ],
      phones: [
        { number: '+34 699 11 22 33', label: 'mobile' },
        { number: '+34 915 55 44 33', primary: true },
      ],
      addresses: [
        { street: 'Calle Mayor 1', city: 'Madrid', postcode: '28013', country: 'ES' },
        { name: 'Oficina', city: 'Sevilla', country: 'ES', primary: true },
      ],
      tags: ['VIP', 'Business', 'Regular'],
    });
    await post({ firstName: 'Mario', lastName: 'Listado', language: 'es', tags: ['Regular', 'VIP'] });
    await post({
      firstName: 'Martin',
      lastName: 'Listón',
      language: 'fr',
      marketingConsent: true,
      phones: [{ number: '+33 6 99 11 22 44' }],
      addresses: [{ city: 'Lyon', country: 'FR' }],
    });
    for (let i = 0; i < 9; i++) {
      await post({
        firstName: `Mar${String.fromCharCode(97 + i)}`,
        lastName: `Listaz${i % 3}`,
        language: i % 2 ? 'es' : 'fr',
        marketingConsent: i % 2 === 0,
        email: `mar${i}@example.org`,
        phone: `+34 699 11 ${String(10 + i)} ${String(50 + i)}`,
        tags: i % 3 === 0 ? ['Business', 'VIP'] : [],
      });
    }
    // A tag id without a tag row (never shown), between two real ones.
    await sql`update guest set tag_ids = array[tag_ids[1], 'tag_gone'] || tag_ids[2:] where id = ${many}`.execute(
      t.database.system,
    );
    const all = await t.database.system.selectFrom('guest').select('id').orderBy('id').execute();
    for (const [i, g] of all.entries()) {
      await t.database.system
        .updateTable('guest')
        .set({
          bookingCount: i % 4,
          firstContactAt: new Date(Date.UTC(2021, 0, 1 + (i % 5))),
          lastActivityAt: new Date(Date.UTC(2024, 2, 1 + (i % 3))),
        })
        .where('id', '=', g.id)
        .execute();
    }
  }, 120_000);
  afterEach(() => {
    Object.assign(phoneSearchTuning, tuning.phone);
    Object.assign(wordSearchTuning, tuning.words);
  });
  afterAll(() => t?.close());

  async function get<T>(url: string): Promise<T> {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  }

  /** Every item of every page of a list, checked against its profile. */
  async function allPages(query: string) {
    const items: ListBody['items'] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 30; i++) {
      const page: ListBody = await get(`/api/v1/guests?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    for (const item of items) expect(item).toEqual(await get(`/api/v1/guests/${item.id}`));
    return items;
  }

  it('shows every list, in order, with the same lists as the profile', async () => {
    const marta = (await allPages('q=marta')).find((g) => g.firstName === 'Marta');
    expect(marta).toMatchObject({
      emails: [
        { email: 'marta.second@example.com', primary: false, label: 'work' },
        { email: 'marta@example.com', primary: true, label: 'home' },
      ],
      phones: [
        { e164: '+34699112233', primary: false, label: 'mobile' },
        { e164: '+34915554433', primary: true },
      ],
      addresses: [
        { street: 'Calle Mayor 1', city: 'Madrid', primary: false },
        { name: 'Oficina', city: 'Sevilla', primary: true },
      ],
      tags: ['VIP', 'Business', 'Regular'],
    });
    const orders: [string, string][] = [
      ['name', 'lower(last_name), lower(first_name), id'],
      ['-name', 'lower(last_name) desc, lower(first_name) desc, id desc'],
      ['firstContactAt', 'first_contact_at, id'],
      ['-lastActivityAt', 'last_activity_at desc, id desc'],
      ['-bookingCount', 'booking_count desc, id desc'],
    ];
    for (const [sort, order] of orders) {
      const want = await sql<{ id: string }>`select id from guest order by ${sql.raw(order)}`.execute(
        t.database.system,
      );
      const wantIds = want.rows.map((r) => r.id);
      expect((await allPages(`sort=${sort}`)).map((g) => g.id)).toEqual(wantIds);
      // A filtered list (a segment) takes another path.
      const consenting = await sql<{ id: string }>`select id from guest where marketing_consent
        order by ${sql.raw(order)}`.execute(t.database.system);
      expect((await allPages(`sort=${sort}&marketingConsent=true`)).map((g) => g.id)).toEqual(
        consenting.rows.map((r) => r.id),
      );
      // A search listed in a sort order.
      expect((await allPages(`sort=${sort}&q=listado`)).map((g) => g.firstName).sort()).toEqual(['Mario', 'Marta']);
    }
  });

  it('counts every guest on an unfiltered page, also past the last guest', async () => {
    const n = (
      await t.database
        .forOrg(t.orgId)
        .selectFrom('guest')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect((await get<ListBody>('/api/v1/guests?limit=2')).total).toBe(Number(n));
    const past = Buffer.from(JSON.stringify({ k: 'bookingCount', v: [999, 'gst_zzz'] })).toString('base64url');
    const empty = await get<ListBody>(`/api/v1/guests?sort=bookingCount&limit=2&cursor=${past}`);
    expect(empty).toEqual({ items: [], nextCursor: null, total: Number(n) });
  });

  it('shows search results of every path with the same lists as the profile', async () => {
    const byWord = await allPages('q=mar');
    expect(byWord.length).toBe(12);
    expect(await allPages('q=mar&language=es')).toHaveLength(6);
    const twoWords = await allPages('q=mar%20list');
    expect(twoWords.length).toBe(12);
    Object.assign(wordSearchTuning, { rangeSizeCap: 2, countBudget: 2 });
    expect((await allPages('q=mar%20list')).map((g) => g.id)).toEqual(twoWords.map((g) => g.id));
    expect(await allPages('q=marta%20listado')).toHaveLength(1);

    const phone = await allPages('q=69911');
    expect(phone.length).toBe(11);
    Object.assign(phoneSearchTuning, { indexRows: 3, walkChunk: 4 });
    expect((await allPages('q=69911')).map((g) => g.id)).toEqual(phone.map((g) => g.id));
    expect((await allPages('q=69911&marketingConsent=true')).length).toBe(7);
    Object.assign(phoneSearchTuning, { filteredRows: 2 });
    expect((await allPages('q=69911&marketingConsent=true')).length).toBe(7);
  });
});
