import { describe, expect, it } from 'vitest';
import { engineName } from '../../../test/support/db.ts';
import { useCompanyTestApp } from '../../../test/support/companies.ts';

/** Issue 15 point 1: near-duplicate companies queued for review, dismissed or merged. */
describe(`company dedupe and merge (${engineName})`, () => {
  const setup = useCompanyTestApp();
  const { call, expectStatus, newCompany } = setup;
  const inCity = (city: string, country = 'ES') => ({ billingAddress: { city, country }, country });
  type Pair = { id: string; score: number; reasons: string[]; companies: { id: string }[] };
  const pairsOf = async (id: string, status = 'open'): Promise<Pair[]> =>
    (await expectStatus(call('GET', `/api/v1/companies/duplicates?status=${status}&limit=200`), 200)).items.filter(
      (p: Pair) => p.companies.some((c) => c.id === id),
    );

  it('queues near-identical names in one city, not in another city nor with two tax ids; an edit re-checks', async () => {
    const a = await newCompany({ name: 'Viajes Alhambra S.L.', ...inCity('Granada') });
    const b = await newCompany({ name: 'VIAJES ALHAMBRA, SL', ...inCity('granada') });
    await newCompany({ name: 'Viajes Alhambra', ...inCity('Sevilla') });
    const typo = await newCompany({ name: 'Viajes Alhambrra', ...inCity('Granada') });
    const pairs = await pairsOf(b.id);
    expect(pairs.map((p) => p.companies.map((c) => c.id).sort())).toEqual(
      expect.arrayContaining([[a.id, b.id].sort(), [b.id, typo.id].sort()]),
    );
    expect(pairs).toHaveLength(2);
    const same = pairs.find((p) => p.companies.some((c) => c.id === a.id))!;
    expect(same).toMatchObject({ score: 1, reasons: ['same_name', 'same_city'], status: 'open' });
    expect(same.companies.map((c) => c.id)).toEqual([a.id, b.id]); // the older first, side by side
    // Without a city, the country decides.
    const noCity = await newCompany({ name: 'Voyages Lumière SARL', country: 'FR' });
    const noCity2 = await newCompany({ name: 'Voyages Lumiere', country: 'FR' });
    expect((await pairsOf(noCity.id))[0]).toMatchObject({ reasons: ['same_name', 'same_country'] });
    expect((await pairsOf(noCity2.id)).length).toBe(1);
    // Two different tax ids: two companies.
    const t1 = await newCompany({ name: 'Hoteles Norte', taxId: 'B12345674', ...inCity('Oviedo') });
    await newCompany({ name: 'Hoteles Norte SA', taxId: 'A58818501', ...inCity('Oviedo') });
    expect(await pairsOf(t1.id)).toEqual([]);
    // Renamed: the pair leaves the queue; renamed back, it returns.
    await expectStatus(call('PATCH', `/api/v1/companies/${typo.id}`, { name: 'Granada Incoming' }), 200);
    expect(await pairsOf(typo.id)).toEqual([]);
    await expectStatus(call('PATCH', `/api/v1/companies/${typo.id}`, { name: 'Viajes Alhambra' }), 200);
    expect(await pairsOf(typo.id)).toHaveLength(2);
  });

  it('dismisses a pair for good (a rescan keeps the decision) and pages with a cursor', async () => {
    const a = await newCompany({ name: 'Costa Travel Ltd', ...inCity('Málaga') });
    const b = await newCompany({ name: 'Costa Travel', ...inCity('Malaga') });
    const [pair] = await pairsOf(a.id);
    const dismissed = await expectStatus(call('POST', `/api/v1/companies/duplicates/${pair!.id}/dismiss`), 200);
    expect(dismissed).toMatchObject({ id: pair!.id, status: 'dismissed' });
    expect(dismissed.decidedAt).not.toBeNull();
    await expectStatus(call('POST', `/api/v1/companies/duplicates/${pair!.id}/dismiss`), 200); // again: the same
    expect(await pairsOf(a.id)).toEqual([]);
    const rescan = await expectStatus(call('POST', '/api/v1/companies/duplicates/rescan'), 200);
    expect(rescan.companies).toBeGreaterThanOrEqual(2);
    expect(rescan.open).toBeGreaterThanOrEqual(1);
    expect(await pairsOf(b.id)).toEqual([]);
    expect((await pairsOf(b.id, 'dismissed')).map((p) => p.id)).toEqual([pair!.id]);
    const first = await expectStatus(call('GET', '/api/v1/companies/duplicates?limit=1'), 200);
    expect(first.items).toHaveLength(1);
    const next = await expectStatus(
      call('GET', `/api/v1/companies/duplicates?limit=200&cursor=${first.nextCursor as string}`),
      200,
    );
    expect(next.items.map((p: Pair) => p.id)).not.toContain(first.items[0].id);
    expect(next.items.length).toBe(rescan.open - 1);
  });

  it('merges with a field choice: contacts (one purchasing), bookings, tags and history move; the other id is 404', async () => {
    const keep = await newCompany({ name: 'Iberia Events', ...inCity('Bilbao'), tags: ['Agency'], notes: 'Keep me' });
    const gone = await newCompany({
      name: 'Iberia Events S.A.',
      legalName: 'Iberia Events Sociedad Anónima',
      taxId: 'B48765432',
      ...inCity('Bilbao'),
      tags: ['Corporate', 'Agency'],
      paymentTerms: '60 days',
    });
    const contact = (companyId: string, name: string, roles: string[]) =>
      expectStatus(
        call('POST', `/api/v1/companies/${companyId}/contacts`, {
          firstName: name,
          lastName: 'Iberia',
          email: `${name.toLowerCase()}@iberia-events.example`,
          roles,
          invite: false,
        }),
        201,
      );
    const buyer = await contact(keep.id, 'Ane', ['purchasing']);
    const otherBuyer = await contact(gone.id, 'Iker', ['purchasing', 'billing']);
    const shared = await contact(gone.id, 'Mikel', ['logistics']);
    await expectStatus(
      call('POST', `/api/v1/companies/${keep.id}/contacts`, {
        guestId: shared.guestId,
        roles: ['support'],
        invite: false,
      }),
      201,
    );
    const booking = await expectStatus(
      call('POST', '/api/v1/bookings', {
        roomTypeId: setup.roomTypeId,
        checkIn: '2027-09-01',
        checkOut: '2027-09-03',
        customer: { firstName: 'Traveller', lastName: 'Bilbao' },
        companyId: gone.id,
        contactId: otherBuyer.guestId,
      }),
      201,
    );
    await expectStatus(call('PATCH', `/api/v1/companies/${gone.id}`, { rateCode: 'IB-1' }), 200);
    const [pair] = await pairsOf(keep.id);
    expect(pair).toBeDefined();

    const preview = await expectStatus(
      call('GET', `/api/v1/companies/${keep.id}/merge/preview?otherId=${gone.id}&name=${gone.id}`),
      200,
    );
    expect(preview.result).toMatchObject({
      id: keep.id,
      name: 'Iberia Events S.A.', // chosen
      legalName: 'Iberia Events Sociedad Anónima', // the survivor had none
      taxId: 'B48765432',
      notes: 'Keep me',
      paymentTerms: '60 days',
      tags: ['Agency', 'Corporate'],
      purchasingContactId: buyer.guestId,
    });
    expect(preview.fields.find((f: { field: string }) => f.field === 'name')).toMatchObject({
      chosenCompanyId: gone.id,
      conflict: true,
    });
    expect(preview.contacts).toEqual(
      expect.arrayContaining([
        { guestId: otherBuyer.guestId, name: 'Iker Iberia', roles: ['billing'], losesPurchasing: true },
        { guestId: shared.guestId, name: 'Mikel Iberia', roles: ['logistics', 'support'], losesPurchasing: false },
      ]),
    );
    // Its history: the two contacts added and the rate code.
    expect(preview.moves).toMatchObject({ contacts: 2, bookings: 1, historyEntries: 3, droppedTags: [] });
    // The preview saved nothing.
    await expectStatus(call('GET', `/api/v1/companies/${gone.id}`), 200);

    const merged = await expectStatus(
      call('POST', `/api/v1/companies/${keep.id}/merge`, { otherId: gone.id, fields: { name: gone.id } }),
      200,
    );
    expect(merged).toMatchObject({ mergedId: gone.id, company: { ...preview.result, updatedAt: expect.any(String) } });
    expect(merged.company.contactCount).toBe(3);
    await expectStatus(call('GET', `/api/v1/companies/${gone.id}`), 404);
    const contacts = await expectStatus(call('GET', `/api/v1/companies/${keep.id}/contacts`), 200);
    expect(
      Object.fromEntries(contacts.items.map((c: { guestId: string; roles: string[] }) => [c.guestId, c.roles])),
    ).toEqual({
      [buyer.guestId]: ['purchasing'],
      [otherBuyer.guestId]: ['billing'],
      [shared.guestId]: ['logistics', 'support'],
    });
    expect(await expectStatus(call('GET', `/api/v1/bookings/${booking.id}`), 200)).toMatchObject({
      companyId: keep.id,
      contactId: otherBuyer.guestId,
    });
    const history = await expectStatus(call('GET', `/api/v1/companies/${keep.id}/history?limit=200`), 200);
    const fields = history.items.map((h: { field: string }) => h.field);
    expect(fields).toEqual(expect.arrayContaining(['merged', 'name', 'taxId', 'tags', 'rateCode']));
    expect(history.items.find((h: { field: string }) => h.field === 'merged')).toMatchObject({
      newValue: { companyId: gone.id, name: 'Iberia Events S.A.' },
    });
    expect((await pairsOf(keep.id, 'merged')).map((p) => p.id)).toEqual([pair!.id]);
    // Merging again, or into the gone company, finds nothing.
    await expectStatus(call('POST', `/api/v1/companies/${keep.id}/merge`, { otherId: gone.id }), 404);
    await expectStatus(call('POST', `/api/v1/companies/${gone.id}/merge`, { otherId: keep.id }), 404);
  });

  it('two people merging the same pair opposite ways at once: exactly one merge happens', async () => {
    const a = await newCompany({ name: 'Duo Tours', ...inCity('Cádiz') });
    const b = await newCompany({ name: 'Duo Tours SL', ...inCity('Cádiz') });
    const results = await Promise.all([
      call('POST', `/api/v1/companies/${a.id}/merge`, { otherId: b.id }),
      call('POST', `/api/v1/companies/${b.id}/merge`, { otherId: a.id }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 404]);
    const winner = results.find((r) => r.statusCode === 200)!.json().company.id as string;
    await expectStatus(call('GET', `/api/v1/companies/${winner}`), 200);
    await expectStatus(call('GET', `/api/v1/companies/${winner === a.id ? b.id : a.id}`), 404);
  });

  it('needs credentials and companies scopes, hides other organisations, refuses hostile input with 4xx', async () => {
    const a = await newCompany({ name: 'Scope Voyages', ...inCity('Lyon', 'FR') });
    const b = await newCompany({ name: 'Scope Voyages SAS', ...inCity('Lyon', 'FR') });
    const [pair] = await pairsOf(a.id);
    expect((await setup.t.app.inject({ method: 'GET', url: '/api/v1/companies/duplicates' })).statusCode).toBe(401);
    expect(
      (await setup.t.app.inject({ method: 'POST', url: `/api/v1/companies/${a.id}/merge`, payload: { otherId: b.id } }))
        .statusCode,
    ).toBe(401);

    const key = await expectStatus(
      call('POST', '/api/v1/api-keys', { name: 'Reader', scopes: ['companies:read'] }),
      201,
    );
    const bearer = { authorization: `Bearer ${key.secret as string}` };
    const asReader = (method: 'GET' | 'POST', url: string, payload?: object) =>
      setup.t.app.inject({ method, url, headers: bearer, ...(payload ? { payload } : {}) });
    expect((await asReader('GET', '/api/v1/companies/duplicates')).statusCode).toBe(200);
    expect((await asReader('GET', `/api/v1/companies/${a.id}/merge/preview?otherId=${b.id}`)).statusCode).toBe(200);
    expect((await asReader('POST', `/api/v1/companies/duplicates/${pair!.id}/dismiss`)).statusCode).toBe(403);
    expect((await asReader('POST', '/api/v1/companies/duplicates/rescan')).statusCode).toBe(403);
    expect((await asReader('POST', `/api/v1/companies/${a.id}/merge`, { otherId: b.id })).statusCode).toBe(403);
    const marketing = await setup.t.addStaff('marketing');
    const m = await setup.t.login(marketing.email, marketing.password);
    expect((await call('POST', `/api/v1/companies/${a.id}/merge`, { otherId: b.id }, m.headers)).statusCode).toBe(403);

    // Another organisation sees none of it, and its own companies are unknown here.
    const org = await setup.t.createOrg('Other hotel');
    const o = await setup.t.login(org.email, org.password);
    const theirs = await expectStatus(call('POST', '/api/v1/companies', { name: 'Scope Voyages' }, o.headers), 201);
    expect((await expectStatus(call('GET', '/api/v1/companies/duplicates', undefined, o.headers), 200)).items).toEqual(
      [],
    );
    await expectStatus(call('POST', `/api/v1/companies/duplicates/${pair!.id}/dismiss`, undefined, o.headers), 404);
    await expectStatus(call('POST', `/api/v1/companies/${a.id}/merge`, { otherId: b.id }, o.headers), 404);
    await expectStatus(
      call('GET', `/api/v1/companies/${a.id}/merge/preview?otherId=${b.id}`, undefined, o.headers),
      404,
    );
    const cross = await expectStatus(call('POST', `/api/v1/companies/${a.id}/merge`, { otherId: theirs.id }), 404);
    expect(cross.error.details[0]).toMatchObject({ field: 'otherId' });
    await expectStatus(call('GET', `/api/v1/companies/${theirs.id}/merge/preview?otherId=${a.id}`), 404);

    for (const [method, url, payload] of [
      ['GET', '/api/v1/companies/duplicates?cursor=garbage'],
      [
        'GET',
        `/api/v1/companies/duplicates?cursor=${Buffer.from('{"k":"cdup","v":[1e400,"x"]}').toString('base64url')}`,
      ],
      ['GET', '/api/v1/companies/duplicates?limit=100000'],
      ['GET', '/api/v1/companies/duplicates?status=maybe'],
      ['POST', `/api/v1/companies/duplicates/${'x'.repeat(65)}/dismiss`],
      ['POST', '/api/v1/companies/duplicates/a%00b/dismiss'],
      ['POST', `/api/v1/companies/${a.id}/merge`, { otherId: 'cmp\u0000x' }],
      ['POST', `/api/v1/companies/${a.id}/merge`, { otherId: a.id }],
      ['POST', `/api/v1/companies/${a.id}/merge`, { otherId: b.id, fields: { name: 'cmp_elsewhere' } }],
      ['POST', `/api/v1/companies/${a.id}/merge`, { otherId: b.id, fields: { tags: b.id } }],
      ['POST', `/api/v1/companies/${a.id}/merge`, { otherId: 'x'.repeat(100_000) }],
      ['POST', `/api/v1/companies/${a.id}/merge`, {}],
      ['GET', `/api/v1/companies/${a.id}/merge/preview`],
      ['GET', `/api/v1/companies/${a.id}/merge/preview?otherId=${b.id}&evil=1`],
    ] as const) {
      const r = await call(method, url, payload);
      expect(r.statusCode, `${method} ${url} ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, `${method} ${url} ${r.body}`).toBeLessThan(500);
      expect(r.json().error.code, r.body).toEqual(expect.any(String));
    }
    // Nothing was merged by any of that.
    await expectStatus(call('GET', `/api/v1/companies/${b.id}`), 200);
  });
});
