import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';

interface ListBody {
  items: { id: string; firstName: string; lastName: string; tags: string[] }[];
  nextCursor: string | null;
  total: number;
}

let t: TestApp;
let s: Session;
const ids: Record<string, string> = {};

async function create(key: string, body: Record<string, unknown>, session = s) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/guests', headers: session.headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`create ${key}: ${res.statusCode} ${res.body}`);
  ids[key] = res.json<{ id: string }>().id;
  return ids[key];
}

async function list(query: string, session = s): Promise<ListBody> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/guests?${query}`,
    headers: { cookie: session.cookie },
  });
  if (res.statusCode !== 200) throw new Error(`GET ?${query}: ${res.statusCode} ${res.body}`);
  return res.json<ListBody>();
}

const search = async (q: string, extra = '') => list(`q=${encodeURIComponent(q)}${extra}`);

beforeAll(async () => {
  t = await createTestApp();
  s = await t.login();
  await create('jose', {
    firstName: 'José',
    lastName: 'Müller-Etxeberria',
    phone: '+34 612 34 56 78',
    email: 'jose.muller@example.com',
    language: 'es',
    country: 'ES',
    marketingConsent: true,
    tags: ['VIP'],
  });
  await create('muller', {
    firstName: 'Anna',
    lastName: 'Müller',
    email: 'anna@example.de',
    language: 'de',
    country: 'DE',
  });
  await create('mullerson', {
    firstName: 'Peter',
    lastName: 'Mullerson',
    language: 'en',
    country: 'GB',
    tags: ['Business'],
  });
  await create('josefina', {
    firstName: 'Josefina',
    lastName: 'García',
    secondLastName: 'López',
    phone: '+33 6 12 34 99 00',
    language: 'fr',
    tags: ['VIP', 'Business'],
  });
  await create('chloe', {
    firstName: 'Chloé',
    lastName: 'Dupont',
    email: 'chloe.d@orange.fr',
    language: 'fr',
    country: 'FR',
    source: 'form',
  });
  for (let i = 0; i < 25; i++) {
    await create(`p${i}`, {
      firstName: `Guest${String.fromCharCode(97 + (i % 26))}`,
      lastName: `Number${i % 7}`,
      language: i % 2 ? 'en' : 'it',
      marketingConsent: i % 3 === 0,
      tags: i % 4 === 0 ? ['Regular'] : [],
    });
  }
  // Spread the sort columns (the API sets them to now).
  await t.database.system
    .updateTable('guest')
    .set((eb) => ({
      bookingCount: eb.fn('length', ['id']).$castTo<number>(),
    }))
    .execute();
  const all = Object.values(ids);
  for (const [i, id] of all.entries()) {
    await t.database.system
      .updateTable('guest')
      .set({
        bookingCount: i % 5,
        firstContactAt: new Date(Date.UTC(2020, 0, 1 + i)),
        lastActivityAt: new Date(Date.UTC(2024, 5, 1 + (i % 10))),
      })
      .where('id', '=', id)
      .execute();
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('GET /guests (list)', () => {
  it.each([
    'name',
    '-name',
    'firstContactAt',
    '-firstContactAt',
    'lastActivityAt',
    '-lastActivityAt',
    'bookingCount',
    '-bookingCount',
  ])('pages through every guest once sorted by %s', async (sort) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let rounds = 0;
    do {
      const page: ListBody = await list(`sort=${sort}&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBe(30);
      seen.push(...page.items.map((g) => g.id));
      cursor = page.nextCursor;
    } while (cursor && ++rounds < 50);
    expect(seen.length).toBe(30);
    expect(new Set(seen).size).toBe(30);
    const full = await list(`sort=${sort}&limit=200`);
    expect(full.items.map((g) => g.id)).toEqual(seen);
  });

  it.each(['name', '-name', 'firstContactAt', '-lastActivityAt', 'bookingCount', '-bookingCount'])(
    'pages through a filtered list (count and page in one pass) in the same order, sorted by %s',
    async (sort) => {
      const everyone = (await list(`sort=${sort}&limit=200`)).items as (ListBody['items'][number] & {
        marketingConsent: boolean;
      })[];
      const expected = everyone.filter((g) => g.marketingConsent).map((g) => g.id);
      expect(expected.length).toBeGreaterThan(3);
      expect(expected.length).toBeLessThan(30);
      const seen: string[] = [];
      let cursor: string | null = null;
      let rounds = 0;
      do {
        const page: ListBody = await list(
          `marketingConsent=true&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.total).toBe(expected.length);
        seen.push(...page.items.map((g) => g.id));
        cursor = page.nextCursor;
      } while (cursor && ++rounds < 50);
      expect(seen).toEqual(expected);
    },
  );

  it('sorts by name case-insensitively, last name first', async () => {
    const b = await list('sort=name&limit=3');
    expect(b.items[0]?.lastName).toBe('Dupont');
  });

  it('rejects a cursor from another sort', async () => {
    const b = await list('sort=name&limit=2');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/guests?sort=bookingCount&cursor=${b.nextCursor}`,
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field).toBe('cursor');
  });
});

describe('GET /guests (filters)', () => {
  it('filters by each field', async () => {
    expect((await list('language=fr')).total).toBe(2);
    expect((await list('country=ES')).items.map((g) => g.id)).toEqual([ids.jose]);
    expect((await list('marketingConsent=true')).total).toBe(10);
    expect((await list('source=form')).items.map((g) => g.id)).toEqual([ids.chloe]);
    expect((await list('tag=VIP')).total).toBe(2);
    expect((await list('tag=VIP&tag=Business')).total).toBe(3);
    expect((await list('tag=VIP&tag=Business&tagMode=all')).items.map((g) => g.id)).toEqual([ids.josefina]);
    expect((await list('tag=vip')).total).toBe(2);
    expect((await list('tag=NoSuchTag')).total).toBe(0);
    expect((await list('minBookings=4')).total).toBe(6);
    expect((await list('maxBookings=0')).total).toBe(6);
    expect((await list('firstContactFrom=2020-01-03&firstContactTo=2020-01-05')).total).toBe(3);
    expect((await list('lastActivityFrom=2024-06-10')).total).toBe(3);
    expect((await list('lastActivityTo=2024-06-01')).total).toBe(3);
    expect((await list('hasAccount=true')).total).toBe(0);
    expect((await list('hasAccount=false')).total).toBe(30);
  });

  it('combines filters and search', async () => {
    const b = await list('language=en&marketingConsent=true&tag=Regular&maxBookings=4');
    expect(b.items.every((g) => g.tags.includes('Regular'))).toBe(true);
    expect(b.total).toBe(b.items.length);
    expect((await list('tag=VIP&q=jose')).total).toBe(2);
    expect((await list('tag=VIP&q=jose&language=es')).items.map((g) => g.id)).toEqual([ids.jose]);
    expect((await list('q=jose&sort=name')).items.map((g) => g.id)).toEqual([ids.josefina, ids.jose]);
  });

  it('refuses bad filter values naming the field', async () => {
    for (const [q, field] of [
      ['firstContactFrom=2024-02-31', 'firstContactFrom'],
      ['marketingConsent=maybe', 'marketingConsent'],
      ['sort=age', 'sort'],
      ['minBookings=-1', 'minBookings'],
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/guests?${q}`, headers: { cookie: s.cookie } });
      expect(res.statusCode, q).toBe(400);
      expect(res.body).toContain(field);
    }
  });
});

describe('GET /guests?q= (search)', () => {
  it('finds a name in any order, without accents, by compound parts', async () => {
    expect((await search('jose mull')).items[0]?.id).toBe(ids.jose);
    expect((await search('mull jose')).items[0]?.id).toBe(ids.jose);
    expect((await search('etxebe')).items.map((g) => g.id)).toEqual([ids.jose]);
    expect((await search('JOSÉ')).items.map((g) => g.id)).toContain(ids.jose);
    expect((await search('chloe')).items.map((g) => g.id)).toEqual([ids.chloe]);
    expect((await search('garcia lopez')).items.map((g) => g.id)).toEqual([ids.josefina]);
  });

  it('ranks exact before prefix before a one-typo match', async () => {
    const b = await search('muller');
    expect(
      b.items
        .slice(0, 2)
        .map((g) => g.id)
        .sort(),
    ).toEqual([ids.jose, ids.muller].sort());
    expect(b.items[2]?.id).toBe(ids.mullerson);
    expect(b.total).toBe(3);
    const j = await search('jose');
    expect(j.items.map((g) => g.id)).toEqual([ids.jose, ids.josefina]);
    const typo = await search('Mulcer');
    expect(typo.items.map((g) => g.id).sort()).toEqual([ids.jose, ids.muller].sort());
    expect((await search('jose mulcer')).items.map((g) => g.id)).toEqual([ids.jose]);
  });

  it('finds phones by any fragment of 3+ digits in any format', async () => {
    for (const q of ['5678', '612 34', '0034612345678', '+34 612', '612-345-678', '34 56 78']) {
      expect(
        (await search(q)).items.map((g) => g.id),
        q,
      ).toContain(ids.jose);
    }
    expect((await search('06 12 34 99')).items.map((g) => g.id)).toEqual([ids.josefina]);
    expect((await search('612 34')).items.map((g) => g.id).sort()).toEqual([ids.jose, ids.josefina].sort());
    expect((await search('99999')).total).toBe(0);
  });

  it('finds e-mail fragments', async () => {
    expect((await search('jose.mu')).items.map((g) => g.id)).toEqual([ids.jose]);
    expect((await search('jose.muller@example.com')).items.map((g) => g.id)).toEqual([ids.jose]);
    expect((await search('chloe.d@')).items.map((g) => g.id)).toEqual([ids.chloe]);
    expect((await search('orange')).items.map((g) => g.id)).toEqual([ids.chloe]);
  });

  it('pages search results without duplicates', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ListBody = await search('guest', `&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBe(25);
      seen.push(...page.items.map((g) => g.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(25);
    const multi: string[] = [];
    cursor = null;
    do {
      const page: ListBody = await search('guest number', `&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      multi.push(...page.items.map((g) => g.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(multi).size).toBe(25);
  });

  it('keeps the index right after edits and deletes', async () => {
    const id = await create('edit', { firstName: 'Zebulon', lastName: 'Quixote', email: 'zq@example.com' });
    expect((await search('zebul')).items.map((g) => g.id)).toEqual([id]);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/guests/${id}`,
      headers: s.headers,
      payload: { firstName: 'Xavier', emails: [{ email: 'xq@example.org' }] },
    });
    expect(patch.statusCode).toBe(200);
    expect((await search('zebul')).total).toBe(0);
    expect((await search('zq@example.com')).total).toBe(0);
    expect((await search('xavier quix')).items.map((g) => g.id)).toEqual([id]);
    expect((await search('xq@ex')).items.map((g) => g.id)).toEqual([id]);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/guests/${id}`, headers: s.headers });
    expect(del.statusCode).toBe(204);
    expect((await search('xavier')).total).toBe(0);
    const rows = await t.database.system
      .selectFrom('guestSearchToken')
      .select('token')
      .where('guestId', '=', id)
      .execute();
    expect(rows).toEqual([]);
    expect((await list('limit=1')).total).toBe(30);
  });

  it('keeps phone fragments right when phones change, including a suffix two phones share', async () => {
    const id = await create('phones', {
      firstName: 'Phoebe',
      lastName: 'Digits',
      phones: [{ number: '+34 699 123 987' }, { number: '+33 6 99 12 39 87' }],
    });
    expect((await search('9912398')).items.map((g) => g.id)).toEqual([id]);
    expect((await search('699123987')).items.map((g) => g.id)).toEqual([id]);
    // Drop the French number: the Spanish one still holds the shared suffix "699123987".
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/guests/${id}`,
      headers: s.headers,
      payload: { phones: [{ number: '+34 699 123 987' }] },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect((await search('699123987')).items.map((g) => g.id)).toEqual([id]);
    expect((await search('33699')).total).toBe(0);
    const swap = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/guests/${id}`,
      headers: s.headers,
      payload: { phones: [{ number: '+49 151 23900461' }] },
    });
    expect(swap.statusCode, swap.body).toBe(200);
    expect((await search('699123987')).total).toBe(0);
    expect((await search('900461')).items.map((g) => g.id)).toEqual([id]);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/guests/${id}`, headers: s.headers });
    expect(del.statusCode).toBe(204);
    const left = await t.database.system
      .selectFrom('guestPhoneSuffix')
      .select('suffix')
      .where('guestId', '=', id)
      .execute();
    expect(left).toEqual([]);
  });

  it("never shows another organisation's guests", async () => {
    const other = await t.createOrg('Other hotel');
    const os = await t.login(other.email, other.password);
    await create('foreign', { firstName: 'José', lastName: 'Müller', phone: '+34 612 34 56 78' }, os);
    const mine = await search('jose mull');
    expect(mine.items.map((g) => g.id)).not.toContain(ids.foreign);
    expect((await search('5678')).items.map((g) => g.id)).not.toContain(ids.foreign);
    const theirs = await list('q=muller', os);
    expect(theirs.items.map((g) => g.id)).toEqual([ids.foreign]);
    expect((await list('limit=1', os)).total).toBe(1);
  });
});

describe('segments', () => {
  it('saves filters, lists by segmentId and counts', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: s.headers,
      payload: { name: 'Bad', filters: { marketingConsent: 'maybe' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('filters.marketingConsent');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: s.headers,
      payload: {
        name: 'VIP business',
        filters: { tag: ['VIP', 'Business'], tagMode: 'all', marketingConsent: 'false' },
      },
    });
    expect(res.statusCode).toBe(201);
    const seg = res.json<{ id: string; filters: Record<string, unknown> }>();
    expect(seg.filters).toEqual({ tag: ['VIP', 'Business'], tagMode: 'all', marketingConsent: false });
    const b = await list(`segmentId=${seg.id}&limit=1`);
    expect(b.total).toBe(1);
    expect(b.items[0]?.id).toBe(ids.josefina);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: s.headers,
      payload: { name: 'vip BUSINESS', filters: {} },
    });
    expect(dup.statusCode).toBe(409);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/segments/${seg.id}`,
      headers: s.headers,
      payload: { name: 'VIPs', filters: { tag: 'VIP' } },
    });
    expect(patched.json<{ name: string }>().name).toBe('VIPs');
    expect((await list(`segmentId=${seg.id}&limit=1`)).total).toBe(2);
    expect((await list(`segmentId=${seg.id}&language=es`)).items.map((g) => g.id)).toEqual([ids.jose]);
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/segments', headers: { cookie: s.cookie } });
    expect(all.json<{ items: { id: string }[] }>().items.map((x) => x.id)).toContain(seg.id);
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/segments/${seg.id}`, headers: { cookie: s.cookie } });
    expect(one.statusCode).toBe(200);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/segments/${seg.id}`, headers: s.headers });
    expect(del.statusCode).toBe(204);
    const gone = await t.app.inject({
      method: 'GET',
      url: `/api/v1/segments/${seg.id}`,
      headers: { cookie: s.cookie },
    });
    expect(gone.statusCode).toBe(404);
    const unknown = await t.app.inject({
      method: 'GET',
      url: `/api/v1/guests?segmentId=${seg.id}`,
      headers: { cookie: s.cookie },
    });
    expect(unknown.statusCode).toBe(400);
  });
});
