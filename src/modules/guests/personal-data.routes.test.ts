import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

/** Issue 11 point 4: `personal-data:read` decides whether e-mails, phones, birth dates, documents and addresses show. */
describe(`personal data masking (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let ana: { id: string };
  let anna: { id: string };
  const who: Record<string, Record<string, string>> = {};

  const key = async (scopes: string[]) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: owner.headers,
      payload: { name: scopes.join(' '), scopes },
    });
    expect(res.statusCode).toBe(201);
    return { authorization: `Bearer ${res.json().secret}` };
  };
  const staff = async (role: 'read_only' | 'manager') => {
    const s = await t.addStaff(role);
    return (await t.login(s.email, s.password)).headers;
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    const create = async (payload: Record<string, unknown>) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/guests', headers: owner.headers, payload });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string }>();
    };
    ana = await create({
      firstName: 'Ana',
      lastName: 'Privada',
      email: 'ana.privada@gmail.com',
      phone: '+34 612 34 56 12',
      birthDate: '1980-05-17',
      document: { type: 'passport', number: 'XA1234567', issuingCountry: 'ES', expiry: '2031-01-01' },
      addresses: [{ name: 'Home', street: 'Calle Mayor 1', city: 'Bilbao', postcode: '48001', country: 'ES' }],
    });
    anna = await create({ firstName: 'Anna', lastName: 'Privada', email: 'anna.p@example.org' });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/guests/${ana.id}`,
      headers: owner.headers,
      payload: { email: 'ana.nueva@gmail.com' },
    });
    const [a, b] = [ana.id, anna.id].sort() as [string, string];
    await t.database.system
      .insertInto('duplicateCandidate')
      .values({ orgId: t.orgId, guestA: a, guestB: b, kind: 'candidate', score: 9, rule: 'test', reasons: '[]' })
      .execute();
    const now = new Date();
    await t.database.system
      .insertInto('customerAccount')
      .values({
        orgId: t.orgId,
        id: 'cus_pd_test',
        guestId: ana.id,
        username: 'ana.nueva@gmail.com',
        passwordHash: null,
        status: 'validated',
        origin: 'staff',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await t.database.system
      .insertInto('emailMessage')
      .values({
        orgId: t.orgId,
        id: 'eml_pd_test',
        event: 'booking.confirmed',
        toAddress: 'ana.nueva@gmail.com',
        language: 'es',
        subject: 'Your booking',
        bodyText: 'Hola Ana, we will call you on +34 612 34 56 12 or write to ana.nueva@gmail.com. Arrival 2027-06-01.',
        bodyHtml: null,
        guestId: ana.id,
        dedupeKey: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    who.readOnly = await staff('read_only');
    who.readKey = await key(['guests:read']);
    who.writeKey = await key(['guests:write']);
    who.fullKey = await key(['guests:write', 'personal-data:read']);
    who.manager = await staff('manager');
  });
  afterAll(() => t.close());

  const get = (headers: Record<string, string>, url: string) => t.app.inject({ method: 'GET', url, headers });

  it.each(['readOnly', 'readKey', 'writeKey'])('masks the profile, list, history and duplicates for %s', async (p) => {
    const h = who[p]!;
    const profile = (await get(h, `/api/v1/guests/${ana.id}`)).json();
    expect(profile).toMatchObject({
      firstName: 'Ana',
      email: 'a•••@gmail.com',
      emails: [{ email: 'a•••@gmail.com' }],
      phone: '+34 •••• ••12',
      phoneDisplay: '+34 •••• ••12',
      phones: [{ e164: '+34 •••• ••12', display: '+34 •••• ••12' }],
      birthDate: null,
      document: { type: 'passport', number: 'XA123****7', issuingCountry: 'ES', expiry: null },
      addresses: [{ name: null, street: null, postcode: null, city: 'Bilbao', country: 'ES' }],
    });
    const body = JSON.stringify([
      profile,
      (await get(h, '/api/v1/guests?q=Privada')).json(),
      (await get(h, `/api/v1/guests/${ana.id}/history`)).json(),
      (await get(h, '/api/v1/duplicates')).json(),
      (await get(h, `/api/v1/guests/${ana.id}/identity`)).json(),
    ]);
    const mailLog =
      p === 'readOnly'
        ? [(await get(h, '/api/v1/email/messages')).json(), (await get(h, '/api/v1/email/messages/eml_pd_test')).json()]
        : [];
    if (p === 'readOnly') {
      expect(JSON.stringify(mailLog)).toContain('Arrival 2027-06-01');
      expect((await get(h, '/api/v1/email/messages?to=ana')).statusCode).toBe(403);
    }
    const all = JSON.stringify([body, (await get(h, '/api/v1/accounts')).json(), mailLog]);
    expect(all).toContain('cus_pd_test');
    for (const secret of ['ana.privada', 'ana.nueva', 'anna.p@', '612', '1980', 'XA1234567', 'Calle Mayor', '48001'])
      expect(all).not.toContain(secret);
    expect(body).toContain('a•••@gmail.com');
    expect((await get(h, '/api/v1/duplicates')).json().items[0].guestB.email ?? '').not.toContain('anna.p');
  });

  it('masks the values of a merge preview for a guests:write key without personal-data:read', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests/merge/preview',
      headers: who.writeKey,
      payload: { guestIds: [ana.id, anna.id], survivorId: ana.id },
    });
    expect(res.statusCode).toBe(200);
    const body = res.body;
    for (const secret of ['ana.nueva', 'anna.p@', '1980', 'XA1234567', 'Calle Mayor'])
      expect(body).not.toContain(secret);
  });

  it.each(['fullKey', 'manager'])('shows everything in full to %s', async (p) => {
    const h = who[p]!;
    expect((await get(h, `/api/v1/guests/${ana.id}`)).json()).toMatchObject({
      email: 'ana.nueva@gmail.com',
      phone: '+34612345612',
      birthDate: '1980-05-17',
      document: { number: 'XA123****7', expiry: '2031-01-01' },
      addresses: [{ street: 'Calle Mayor 1', postcode: '48001' }],
    });
    expect((await get(h, `/api/v1/guests/${ana.id}/history`)).body).toContain('ana.privada@gmail.com');
    expect((await get(h, '/api/v1/duplicates')).body).toContain('anna.p@example.org');
    expect((await get(h, '/api/v1/accounts')).body).toContain('ana.nueva@gmail.com');
    if (p === 'manager') expect((await get(h, '/api/v1/email/messages')).body).toContain('ana.nueva@gmail.com');
    const found = (await get(h, `/api/v1/guests?q=${encodeURIComponent('ana.nueva@gmail.com')}`)).json();
    expect(found.items.map((g: { id: string }) => g.id)).toContain(ana.id);
  });

  it('refuses an e-mail or phone search without the permission, found or not (no oracle)', async () => {
    for (const q of ['ana.nueva@gmail.com', 'nobody@nowhere.test', '612345612', '+34 699 00 00 00']) {
      const res = await get(who.readOnly!, `/api/v1/guests?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('personal_data_required');
    }
    expect((await get(who.readKey!, '/api/v1/guests?q=Privada')).json().items).toHaveLength(2);
  });
});
