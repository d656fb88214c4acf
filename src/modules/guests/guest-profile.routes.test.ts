import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

describe(`guest profiles (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
  });
  afterAll(() => t.close());

  const create = (payload: Record<string, unknown>, headers = owner.headers) =>
    t.app.inject({ method: 'POST', url: '/api/v1/guests', headers, payload });
  const patch = (id: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/guests/${id}`, headers: owner.headers, payload });
  const read = async (id: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}`, headers: { cookie: owner.cookie } })).json();
  const history = async (id: string, query = '') =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/guests/${id}/history${query}`,
        headers: { cookie: owner.cookie },
      })
    ).json();
  const guestCount = async () =>
    Number(
      (
        await t.database.system
          .selectFrom('guest')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('creates José Müller-Etxeberria with his phone stored as E.164 and shown as entered', async () => {
    const res = await create({
      firstName: 'José',
      lastName: 'Müller-Etxeberria',
      phone: '+34 612 34 56 78',
      email: '  Jose.Muller@Example.COM ',
      language: 'ES',
      addresses: [{ street: 'Calle Mayor 1', city: 'Bilbao', country: 'es' }],
    });
    expect(res.statusCode).toBe(201);
    const guest = await read(res.json().id);
    expect(guest).toMatchObject({
      firstName: 'José',
      lastName: 'Müller-Etxeberria',
      phone: '+34612345678',
      phoneDisplay: '+34 612 34 56 78',
      phones: [{ e164: '+34612345678', display: '+34 612 34 56 78', primary: true, label: null }],
      email: 'jose.muller@example.com',
      emails: [{ email: 'jose.muller@example.com', primary: true, label: null }],
      language: 'es',
      country: 'ES',
      addresses: [{ street: 'Calle Mayor 1', city: 'Bilbao', country: 'ES', primary: true }],
      source: 'manual',
      tags: [],
      bookingCount: 0,
      rfm: { recencyDays: 0, frequency: 0, lifetimeValue: 0 },
      blocked: null,
    });
    const stored = await t.database.system
      .selectFrom('guestPhone')
      .select(['e164', 'display'])
      .where('guestId', '=', guest.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ e164: '+34612345678', display: '+34 612 34 56 78' });
  });

  it('reads national phone formats with the default country', async () => {
    const res = await create({
      lastName: 'Dupont',
      defaultCountry: 'FR',
      phones: [{ number: '06 12 34 56 78' }, { number: '+44 20 7946 0958', label: 'work', primary: true }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      phone: '+442079460958',
      phones: [
        { e164: '+33612345678', display: '06 12 34 56 78', primary: false },
        { e164: '+442079460958', primary: true, label: 'work' },
      ],
    });
  });

  it.each([
    [{ firstName: 'A', email: 'not-an-email' }, 'email', 'validation_failed'],
    [{ firstName: 'A', emails: [{ email: 'a@b.es' }, { email: 'bad@' }] }, 'emails.1.email', 'validation_failed'],
    [{ firstName: 'A', phone: '12' }, 'phone', 'invalid_phone'],
    [
      { firstName: 'A', phones: [{ number: '+34 612 34 56 78' }, { number: 'call me' }] },
      'phones.1.number',
      'invalid_phone',
    ],
    [{ firstName: 'A', birthDate: '1990-02-30' }, 'birthDate', 'validation_failed'],
    [{ firstName: 'A', nationality: 'XX' }, 'nationality', 'validation_failed'],
    [{ firstName: 'A', tags: ['VIP', 'Sailing club'] }, 'tags', 'unknown_tag'],
    [{ firstName: 'A', titleId: 'ttl_nope' }, 'titleId', 'unknown_title'],
    [{ secondLastName: 'Solo' }, 'firstName', 'validation_failed'],
  ])('refuses %j naming the field and saves nothing', async (payload, field, code) => {
    const before = await guestCount();
    const res = await create(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await guestCount()).toBe(before);
  });

  it('refuses a tenth tag on PATCH and changes nothing', async () => {
    const nine = ['Friends & Family', 'Business', 'Influencer', 'Local', 'No-show', 'Problematic', 'Regular', 'VIP'];
    const custom = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tags',
      headers: owner.headers,
      payload: { name: 'Golf' },
    });
    expect(custom.statusCode).toBe(201);
    await t.app.inject({ method: 'POST', url: '/api/v1/tags', headers: owner.headers, payload: { name: 'Spa' } });
    const guest = (await create({ firstName: 'Nine', tags: [...nine, 'golf'] })).json();
    expect(guest.tags).toEqual([...nine, 'Golf']);
    const historyBefore = (await history(guest.id)).items.length;

    const res = await patch(guest.id, { firstName: 'Ten', tags: [...nine, 'Golf', 'Spa'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'too_many_tags', details: [{ field: 'tags' }] });
    const after = await read(guest.id);
    expect(after.firstName).toBe('Nine');
    expect(after.tags).toHaveLength(9);
    expect((await history(guest.id)).items).toHaveLength(historyBefore);
  });

  it('keeps an invalid PATCH from saving its valid fields', async () => {
    const guest = (await create({ firstName: 'Ana', email: 'ana@hotel.es' })).json();
    const res = await patch(guest.id, { firstName: 'Anabel', phones: [{ number: '000' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toMatchObject([{ field: 'phones.0.number' }]);
    expect(await read(guest.id)).toMatchObject({ firstName: 'Ana', phones: [] });
  });

  it('records who changed what and when, old → new, after a PATCH', async () => {
    const guest = (await create({ firstName: 'Lucía', lastName: 'García', email: 'lucia@old.es' })).json();
    const before = Date.now();
    const res = await patch(guest.id, { lastName: 'García López', email: 'lucia@new.es', tags: ['VIP'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lastName: 'García López', email: 'lucia@new.es', tags: ['VIP'] });
    const { items } = await history(guest.id);
    const entry = (field: string) => items.find((i: { field: string }) => i.field === field);
    expect(entry('lastName')).toMatchObject({
      actor: { type: 'staff', name: 'Owner' },
      oldValue: 'García',
      newValue: 'García López',
    });
    expect(Date.parse(entry('lastName').at)).toBeGreaterThanOrEqual(before - 1000);
    expect(entry('emails')).toMatchObject({
      oldValue: [{ email: 'lucia@old.es', primary: true }],
      newValue: [{ email: 'lucia@new.es', primary: true }],
    });
    expect(entry('tags')).toMatchObject({ oldValue: [], newValue: ['VIP'] });
    expect(entry('firstName')).toMatchObject({ oldValue: null, newValue: 'Lucía' }); // from the create
    expect(items.at(-1)).toMatchObject({ field: 'created', newValue: { source: 'manual' } });
    expect(items.filter((i: { field: string }) => i.field === 'firstName')).toHaveLength(1);
  });

  it('pages the history newest first with a cursor', async () => {
    const guest = (await create({ firstName: 'P' })).json();
    for (const name of ['P1', 'P2', 'P3']) await patch(guest.id, { firstName: name });
    const first = await history(guest.id, '?limit=2');
    expect(first.items.map((i: { newValue: unknown }) => i.newValue)).toEqual(['P3', 'P2']);
    const second = await history(guest.id, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i: { newValue: unknown }) => i.newValue)).toEqual(['P1', 'P']);
    const third = await history(guest.id, `?limit=2&cursor=${second.nextCursor}`);
    expect(third).toMatchObject({ items: [{ field: 'created' }], nextCursor: null });
  });

  it('never changes the username once set', async () => {
    const guest = (await create({ firstName: 'U' })).json();
    expect((await patch(guest.id, { username: 'u.user' })).json().username).toBe('u.user');
    expect((await patch(guest.id, { username: 'u.user' })).statusCode).toBe(200);
    const res = await patch(guest.id, { username: 'other', firstName: 'Changed' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'username_immutable', details: [{ field: 'username' }] });
    expect(await read(guest.id)).toMatchObject({ username: 'u.user', firstName: 'U' });
  });

  it('replaces only the primary e-mail with the email shortcut and keeps the copy in sync', async () => {
    const guest = (
      await create({ firstName: 'E', emails: [{ email: 'one@a.es' }, { email: 'two@a.es', label: 'work' }] })
    ).json();
    expect(guest.email).toBe('one@a.es');
    const changed = (await patch(guest.id, { email: 'three@a.es' })).json();
    expect(changed.email).toBe('three@a.es');
    expect(changed.emails).toEqual([
      { email: 'three@a.es', primary: true, label: null },
      { email: 'two@a.es', primary: false, label: 'work' },
    ]);
    const cleared = (await patch(guest.id, { email: null })).json();
    expect(cleared).toMatchObject({ email: 'two@a.es', emails: [{ email: 'two@a.es', primary: true }] });
  });

  it('lets the country follow the primary address unless set by hand', async () => {
    const guest = (await create({ firstName: 'C', addresses: [{ city: 'Lyon', country: 'FR' }] })).json();
    expect(guest.country).toBe('FR');
    const moved = (await patch(guest.id, { addresses: [{ city: 'Porto', country: 'PT' }] })).json();
    expect(moved.country).toBe('PT');
    await patch(guest.id, { country: 'ES' });
    const again = (await patch(guest.id, { addresses: [{ city: 'Roma', country: 'IT' }] })).json();
    expect(again.country).toBe('ES');
  });

  it('deletes a guest with its history', async () => {
    const guest = (await create({ firstName: 'D' })).json();
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/guests/${guest.id}`, headers: owner.headers });
    expect(res.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/guests/${guest.id}`, headers: owner.headers })).statusCode,
    ).toBe(404);
    const rows = await t.database.system
      .selectFrom('guestHistory')
      .select('id')
      .where('guestId', '=', guest.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it("answers 404 to another organisation for this organisation's guest", async () => {
    const guest = (await create({ firstName: 'Private' })).json();
    const other = await t.createOrg('Other hotel');
    const b = await t.login(other.email, other.password);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/guests/${guest.id}`],
      ['PATCH', `/api/v1/guests/${guest.id}`, { firstName: 'Hacked' }],
      ['DELETE', `/api/v1/guests/${guest.id}`],
      ['GET', `/api/v1/guests/${guest.id}/history`],
      ['GET', `/api/v1/guests/${guest.id}/notes`],
      ['POST', `/api/v1/guests/${guest.id}/notes`, { body: 'x' }],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: b.headers, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('guest_not_found');
    }
    const bulk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests/bulk/tags',
      headers: b.headers,
      payload: { guestIds: [guest.id], add: ['VIP'] },
    });
    expect(bulk.json()).toEqual({ updated: 0, refused: [{ guestId: guest.id, reason: 'not_found' }] });
    expect(await read(guest.id)).toMatchObject({ firstName: 'Private', tags: [] });
  });

  it('lets a read-only staff member read but not write', async () => {
    const guest = (await create({ firstName: 'R' })).json();
    const ro = await t.addStaff('read_only');
    const s = await t.login(ro.email, ro.password);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/guests/${guest.id}`, headers: s.headers })).statusCode,
    ).toBe(200);
    expect((await create({ firstName: 'X' }, s.headers)).statusCode).toBe(403);
  });
});
