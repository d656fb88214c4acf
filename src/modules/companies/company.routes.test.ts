import { describe, expect, it } from 'vitest';
import { engineName } from '../../../test/support/db.ts';
import { useCompanyTestApp } from '../../../test/support/companies.ts';

/** Issue 15: companies, their contacts with roles, and the bookings made for them. */
describe(`companies (${engineName})`, () => {
  const setup = useCompanyTestApp();
  const { call, expectStatus, newCompany } = setup;
  const addContact = (companyId: string, body: object) => call('POST', `/api/v1/companies/${companyId}/contacts`, body);

  it('creates a company with a checked, normalised tax id; the same tax id written another way is 409 naming it', async () => {
    const c = await newCompany({
      name: 'Viajes Sol',
      legalName: 'Viajes Sol S.L.',
      taxId: 'b-1234567.4',
      country: 'es',
      language: 'es',
      billingAddress: { street: 'Calle Mayor 1', city: 'Madrid', postcode: '28013', country: 'ES' },
      discount: 12.5,
      rateCode: 'CORP-SOL',
      paymentTerms: '30 days',
      tags: ['Agency', 'Agency', 'Madrid'],
    });
    expect(c).toMatchObject({
      name: 'Viajes Sol',
      taxId: 'B12345674',
      country: 'ES',
      discount: 12.5,
      tags: ['Agency', 'Madrid'],
      billingAddress: { city: 'Madrid', region: null },
      contactCount: 0,
      purchasingContactId: null,
    });
    expect(c.id).toMatch(/^cmp_/);
    const dup = await expectStatus(
      call('POST', '/api/v1/companies', { name: 'Sol Travel', taxId: 'ESB12345674' }),
      409,
    );
    expect(dup.error.code).toBe('company_exists');
    expect(dup.error.message).toContain('Viajes Sol');
    expect(dup.error.details[0]).toMatchObject({ field: 'taxId', code: c.id });
    const bad = await expectStatus(
      call('POST', '/api/v1/companies', { name: 'X', taxId: 'B12345675', country: 'ES' }),
      400,
    );
    expect(bad.error).toMatchObject({ code: 'invalid_tax_id', details: [{ field: 'taxId' }] });
    const fr = await expectStatus(
      call('POST', '/api/v1/companies', { name: 'Y', taxId: '552032535', country: 'FR' }),
      400,
    );
    expect(fr.error.code).toBe('invalid_tax_id');
  });

  it('edits a company and keeps each change in its history; a tax id taken by another company is 409', async () => {
    const a = await newCompany({ name: 'Acme Corp', country: 'FR', taxId: '552032534' });
    const b = await newCompany({ name: 'Bcme Corp' });
    const edited = await expectStatus(
      call('PATCH', `/api/v1/companies/${a.id}`, { name: 'Acme Corporation', paymentTerms: 'On arrival', notes: null }),
      200,
    );
    expect(edited).toMatchObject({ name: 'Acme Corporation', paymentTerms: 'On arrival' });
    const history = await expectStatus(call('GET', `/api/v1/companies/${a.id}/history`), 200);
    expect(history.items.map((h: { field: string }) => h.field).sort()).toEqual(['name', 'paymentTerms']);
    expect(history.items.find((h: { field: string }) => h.field === 'name')).toMatchObject({
      oldValue: 'Acme Corp',
      newValue: 'Acme Corporation',
      actor: { type: 'staff' },
    });
    const taken = await expectStatus(call('PATCH', `/api/v1/companies/${b.id}`, { taxId: 'FR27552032534' }), 409);
    expect(taken.error.code).toBe('company_exists');
    expect(taken.error.message).toContain('Acme Corporation');
    // Changing the country re-checks the stored tax id.
    const recheck = await expectStatus(call('PATCH', `/api/v1/companies/${a.id}`, { country: 'ES' }), 400);
    expect(recheck.error.code).toBe('invalid_tax_id');
  });

  it('adds contacts through the identity resolver: one person across companies, one purchasing contact per company', async () => {
    const a = await newCompany({ name: 'Contacts A' });
    const b = await newCompany({ name: 'Contacts B' });
    const ana = await expectStatus(
      addContact(a.id, {
        firstName: 'Ana',
        lastName: 'García',
        email: 'Ana.Garcia@contacts.example',
        roles: ['purchasing', 'billing', 'billing'],
      }),
      201,
    );
    expect(ana).toMatchObject({ roles: ['purchasing', 'billing'], email: 'ana.garcia@contacts.example' });
    expect(ana.invitedAt).toEqual(expect.any(String)); // invited: she has an e-mail
    // The same person, met again for company B, is the same guest profile.
    const anaAtB = await expectStatus(
      addContact(b.id, {
        firstName: 'Ana',
        lastName: 'Garcia',
        email: 'ana.garcia@contacts.example',
        roles: ['logistics'],
      }),
      201,
    );
    expect(anaAtB.guestId).toBe(ana.guestId);
    // A second purchasing contact: 409 naming the current one, and nothing was made.
    const guestsBefore = await setup.t.database.system
      .selectFrom('guest')
      .select('id')
      .where('orgId', '=', setup.t.orgId)
      .execute();
    const second = await expectStatus(
      addContact(a.id, { firstName: 'Luis', lastName: 'Pérez', email: 'luis@contacts.example', roles: ['purchasing'] }),
      409,
    );
    expect(second.error.code).toBe('purchasing_contact_exists');
    expect(second.error.message).toContain('Ana García');
    expect(second.error.details[0]).toMatchObject({ field: 'roles', code: ana.guestId });
    const guestsAfter = await setup.t.database.system
      .selectFrom('guest')
      .select('id')
      .where('orgId', '=', setup.t.orgId)
      .execute();
    expect(guestsAfter.length).toBe(guestsBefore.length);
    // Added without the role, then given it in one step (transfer).
    const luis = await expectStatus(
      addContact(a.id, { firstName: 'Luis', lastName: 'Pérez', email: 'luis@contacts.example', roles: ['support'] }),
      201,
    );
    const refused = await expectStatus(
      call('PATCH', `/api/v1/companies/${a.id}/contacts/${luis.guestId}`, { roles: ['purchasing', 'support'] }),
      409,
    );
    expect(refused.error.code).toBe('purchasing_contact_exists');
    const moved = await expectStatus(
      call('PATCH', `/api/v1/companies/${a.id}/contacts/${luis.guestId}`, {
        roles: ['purchasing', 'support'],
        transferPurchasing: true,
      }),
      200,
    );
    expect(moved.roles).toEqual(['purchasing', 'support']);
    const contacts = await expectStatus(call('GET', `/api/v1/companies/${a.id}/contacts`), 200);
    expect(contacts.items.map((c: { guestId: string; roles: string[] }) => [c.guestId, c.roles])).toEqual([
      [luis.guestId, ['purchasing', 'support']],
      [ana.guestId, ['billing']],
    ]);
    const company = await expectStatus(call('GET', `/api/v1/companies/${a.id}`), 200);
    expect(company).toMatchObject({ contactCount: 2, purchasingContactId: luis.guestId });
    const history = await expectStatus(call('GET', `/api/v1/companies/${a.id}/history`), 200);
    expect(history.items[0]).toMatchObject({ field: 'contacts' });
    expect(
      history.items.some(
        (h: { field: string; oldValue: unknown; newValue: unknown }) =>
          h.field === 'purchasingContact' && h.oldValue === ana.guestId && h.newValue === luis.guestId,
      ),
    ).toBe(true);
    // The guest profile's companies.
    const ofAna = await expectStatus(call('GET', `/api/v1/guests/${ana.guestId}/companies`), 200);
    expect(ofAna.items).toEqual([
      { companyId: a.id, name: 'Contacts A', roles: ['billing'] },
      { companyId: b.id, name: 'Contacts B', roles: ['logistics'] },
    ]);
    // An existing guest by id; twice is 409; removal keeps the guest.
    const again = await expectStatus(addContact(b.id, { guestId: luis.guestId, roles: ['purchasing'] }), 201);
    expect(again).toMatchObject({ guestId: luis.guestId, roles: ['purchasing'] });
    expect((await expectStatus(addContact(b.id, { guestId: luis.guestId }), 409)).error.code).toBe('contact_exists');
    await expectStatus(call('DELETE', `/api/v1/companies/${b.id}/contacts/${luis.guestId}`), 204);
    await expectStatus(call('DELETE', `/api/v1/companies/${b.id}/contacts/${luis.guestId}`), 404);
    await expectStatus(call('GET', `/api/v1/guests/${luis.guestId}`), 200);
    expect((await expectStatus(addContact(b.id, { guestId: 'gst_nope' }), 400)).error.code).toBe('unknown_guest');
  });

  it('lets exactly one of two simultaneous purchasing contacts in', async () => {
    for (let round = 0; round < 3; round++) {
      const c = await newCompany({ name: `Race ${round}` });
      const results = await Promise.all(
        ['Marta', 'Jordi'].map((firstName) =>
          addContact(c.id, {
            firstName,
            lastName: `Race${round}`,
            email: `${firstName.toLowerCase()}.race${round}@contacts.example`,
            roles: ['purchasing'],
          }),
        ),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const loser = results.find((r) => r.statusCode === 409)!.json();
      const winner = results.find((r) => r.statusCode === 201)!.json();
      expect(loser.error.code).toBe('purchasing_contact_exists');
      expect(loser.error.details[0].code).toBe(winner.guestId);
      const rows = await setup.t.database.system
        .selectFrom('companyContact')
        .select('guestId')
        .where('orgId', '=', setup.t.orgId)
        .where('companyId', '=', c.id)
        .execute();
      expect(rows.map((r) => r.guestId)).toEqual([winner.guestId]);
    }
  });

  it('enforces one purchasing contact in the database itself', async () => {
    const c = await newCompany({ name: 'Database rule' });
    const one = await expectStatus(
      addContact(c.id, { firstName: 'Uno', lastName: 'Db', email: 'uno@db.example', roles: ['purchasing'] }),
      201,
    );
    const two = await expectStatus(
      addContact(c.id, { firstName: 'Dos', lastName: 'Db', email: 'dos@db.example', roles: [] }),
      201,
    );
    expect(one.guestId).not.toBe(two.guestId);
    await expect(
      setup.t.database.system
        .updateTable('companyContact')
        .set({ roles: ['purchasing'] })
        .where('orgId', '=', setup.t.orgId)
        .where('guestId', '=', two.guestId)
        .where('companyId', '=', c.id)
        .execute(),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('books for a company and its contact, attaches a booking afterwards, filters and counts them', async () => {
    const c = await newCompany({ name: 'Booking Co' });
    const other = await newCompany({ name: 'Other Co' });
    const contact = await expectStatus(
      addContact(c.id, {
        firstName: 'Berta',
        lastName: 'Booker',
        email: 'berta@booking.example',
        roles: ['purchasing'],
      }),
      201,
    );
    const book = (extra: object, checkIn = '2027-05-01', checkOut = '2027-05-04') =>
      call('POST', '/api/v1/bookings', {
        roomTypeId: setup.roomTypeId,
        checkIn,
        checkOut,
        customer: { firstName: 'Traveller', lastName: 'One', email: 'traveller.one@booking.example' },
        ...extra,
      });
    const made = await expectStatus(book({ companyId: c.id, contactId: contact.guestId }), 201);
    expect(made).toMatchObject({ companyId: c.id, contactId: contact.guestId, total: 300 });
    expect(made.customerId).not.toBe(contact.guestId); // the traveller is their own guest
    const wrongContact = await expectStatus(book({ companyId: other.id, contactId: contact.guestId }), 400);
    expect(wrongContact.error).toMatchObject({ code: 'unknown_contact', details: [{ field: 'contactId' }] });
    expect((await expectStatus(book({ contactId: contact.guestId }), 400)).error.code).toBe('company_required');
    expect((await expectStatus(book({ companyId: 'cmp_nope' }), 400)).error.code).toBe('unknown_company');
    // A batch: a wrong company fails that booking alone.
    const batch = await expectStatus(
      call('POST', '/api/v1/bookings/batch', {
        bookings: [
          {
            roomTypeId: setup.roomTypeId,
            checkIn: '2027-06-01',
            checkOut: '2027-06-02',
            customer: { lastName: 'Batch' },
            companyId: c.id,
          },
          {
            roomTypeId: setup.roomTypeId,
            checkIn: '2027-06-01',
            checkOut: '2027-06-02',
            customer: { lastName: 'Batch2' },
            companyId: 'cmp_nope',
          },
        ],
      }),
      200,
    );
    expect(batch.results.map((r: { status: string }) => r.status)).toEqual(['created', 'failed']);
    expect(batch.results[1].error.code).toBe('unknown_company');
    // A booking made without a company, attached afterwards.
    const later = await expectStatus(book({}, '2027-07-01', '2027-07-03'), 201);
    expect(later.companyId).toBeNull();
    const attached = await expectStatus(
      call('PATCH', `/api/v1/bookings/${later.id}`, { companyId: c.id, contactId: contact.guestId }),
      200,
    );
    expect(attached).toMatchObject({ companyId: c.id, contactId: contact.guestId });
    const listed = await expectStatus(call('GET', `/api/v1/bookings?companyId=${c.id}`), 200);
    const batchId = batch.results[0].booking.id;
    expect(listed.items.map((b: { id: string }) => b.id).sort()).toEqual([made.id, later.id, batchId].sort());
    const ofCompany = await expectStatus(call('GET', `/api/v1/companies/${c.id}/bookings?limit=2`), 200);
    expect(ofCompany.items.map((b: { id: string }) => b.id)).toEqual([later.id, batchId]);
    expect(ofCompany.nextCursor).toEqual(expect.any(String));
    const page = await expectStatus(
      call('GET', `/api/v1/companies/${c.id}/bookings?limit=2&cursor=${ofCompany.nextCursor}`),
      200,
    );
    expect(page.items.map((b: { id: string }) => b.id)).toEqual([made.id]);
    const kpis = (await expectStatus(call('GET', `/api/v1/companies/${c.id}`), 200)).kpis;
    expect(kpis).toMatchObject({ bookings: 3, nights: 3 + 1 + 2, revenue: 300 + 100 + 200 });
    expect(kpis.lastBookingAt).toEqual(expect.any(String));
    // Cancelled bookings do not count; a company with bookings cannot be deleted.
    await expectStatus(call('POST', `/api/v1/bookings/${later.id}/cancel`), 200);
    expect((await expectStatus(call('GET', `/api/v1/companies/${c.id}`), 200)).kpis).toMatchObject({
      bookings: 2,
      nights: 4,
    });
    expect((await expectStatus(call('DELETE', `/api/v1/companies/${c.id}`), 409)).error.code).toBe(
      'company_has_bookings',
    );
    // Detached; removing the contact keeps the booking's company and clears its contact.
    await expectStatus(call('DELETE', `/api/v1/companies/${c.id}/contacts/${contact.guestId}`), 204);
    const kept = await expectStatus(call('GET', `/api/v1/bookings/${made.id}`), 200);
    expect(kept).toMatchObject({ companyId: c.id, contactId: null });
    const detached = await expectStatus(call('PATCH', `/api/v1/bookings/${later.id}`, { companyId: null }), 200);
    expect(detached).toMatchObject({ companyId: null, contactId: null });
    await expectStatus(call('DELETE', `/api/v1/companies/${other.id}`), 204);
    await expectStatus(call('GET', `/api/v1/companies/${other.id}`), 404);
  });

  it('follows a guest merge (roles united, bookings re-pointed) and gives it back on undo', async () => {
    const c = await newCompany({ name: 'Merge Co' });
    const d = await newCompany({ name: 'Merge Other' });
    const keep = await expectStatus(
      addContact(c.id, {
        firstName: 'Carmen',
        lastName: 'Keep',
        email: 'carmen.keep@merge.example',
        roles: ['billing'],
      }),
      201,
    );
    const gone = await expectStatus(
      addContact(c.id, {
        firstName: 'Carmen',
        lastName: 'Gone',
        email: 'carmen.gone@merge.example',
        roles: ['purchasing'],
      }),
      201,
    );
    await expectStatus(addContact(d.id, { guestId: gone.guestId, roles: ['logistics'] }), 201);
    const booked = await expectStatus(
      call('POST', '/api/v1/bookings', {
        roomTypeId: setup.roomTypeId,
        checkIn: '2027-08-01',
        checkOut: '2027-08-02',
        customer: { lastName: 'Merge traveller' },
        companyId: c.id,
        contactId: gone.guestId,
      }),
      201,
    );
    const merge = await expectStatus(
      call('POST', '/api/v1/guests/merge', { guestIds: [keep.guestId, gone.guestId], survivorId: keep.guestId }),
      201,
    );
    const rolesAt = async (companyId: string) =>
      (await expectStatus(call('GET', `/api/v1/companies/${companyId}/contacts`), 200)).items.map(
        (x: { guestId: string; roles: string[] }) => [x.guestId, x.roles],
      );
    expect(await rolesAt(c.id)).toEqual([[keep.guestId, ['purchasing', 'billing']]]);
    expect(await rolesAt(d.id)).toEqual([[keep.guestId, ['logistics']]]);
    expect((await expectStatus(call('GET', `/api/v1/bookings/${booked.id}`), 200)).contactId).toBe(keep.guestId);
    await expectStatus(call('POST', `/api/v1/merges/${merge.merge.id}/undo`), 200);
    expect(await rolesAt(c.id)).toEqual([
      [gone.guestId, ['purchasing']],
      [keep.guestId, ['billing']],
    ]);
    expect(await rolesAt(d.id)).toEqual([[gone.guestId, ['logistics']]]);
    expect((await expectStatus(call('GET', `/api/v1/bookings/${booked.id}`), 200)).contactId).toBe(gone.guestId);
  });

  it('lists companies by name with search (name, tax id, contact name or e-mail), filters, pages and a total', async () => {
    const org = await setup.t.createOrg('List hotel');
    const owner = await setup.t.login(org.email, org.password);
    const post = (url: string, body: object) => expectStatus(call('POST', url, body, owner.headers), 201);
    const names = ['Delta Viajes', 'alpha tours', 'Charlie Travel', 'Bravo Events', 'Echo Agency'];
    const ids: Record<string, string> = {};
    for (const [i, name] of names.entries())
      ids[name] = (
        await post('/api/v1/companies', {
          name,
          country: i % 2 ? 'FR' : 'ES',
          tags: i < 2 ? ['Agency'] : [],
          ...(name === 'Charlie Travel' ? { taxId: 'DE123456789' } : {}),
        })
      ).id;
    await post(`/api/v1/companies/${ids['Echo Agency']}/contacts`, {
      firstName: 'Zacarías',
      lastName: 'Listado',
      email: 'zl@list.example',
      roles: ['purchasing'],
    });
    const list = async (query: string) => {
      const r = await call('GET', `/api/v1/companies?${query}`, undefined, { cookie: owner.cookie });
      expect(r.statusCode, r.body).toBe(200);
      return r.json<{ items: { id: string; name: string }[]; nextCursor: string | null; total: number }>();
    };
    const namesOf = async (query: string) => (await list(query)).items.map((c) => c.name);
    expect(await namesOf('')).toEqual(['alpha tours', 'Bravo Events', 'Charlie Travel', 'Delta Viajes', 'Echo Agency']);
    const first = await list('limit=2');
    expect(first).toMatchObject({ total: 5, items: [{ name: 'alpha tours' }, { name: 'Bravo Events' }] });
    const second = await list(`limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((c) => c.name)).toEqual(['Charlie Travel', 'Delta Viajes']);
    expect((await list(`limit=2&cursor=${second.nextCursor}`)).nextCursor).toBeNull();
    expect(await namesOf('q=travel')).toEqual(['Charlie Travel']);
    expect(await namesOf('q=de 123')).toEqual(['Charlie Travel']);
    expect(await namesOf('q=listado zacar')).toEqual(['Echo Agency']);
    expect(await namesOf('q=zl@list.example')).toEqual(['Echo Agency']);
    expect(await namesOf('country=FR')).toEqual(['alpha tours', 'Bravo Events']);
    expect(await namesOf('tag=Agency')).toEqual(['alpha tours', 'Delta Viajes']);
    expect(await namesOf('hasPurchasing=true')).toEqual(['Echo Agency']);
    expect((await list('hasPurchasing=false')).total).toBe(4);
    // The first organisation's companies are not in this list, and their ids are not found here.
    const mine = await list('q=Viajes Sol');
    expect(mine.total).toBe(0);
    const theirs = (await list('q=Delta')).items[0]!.id;
    expect((await call('GET', `/api/v1/companies/${theirs}`)).statusCode).toBe(404);
    expect((await call('PATCH', `/api/v1/companies/${theirs}`, { name: 'Hijack' })).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/companies/${theirs}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/companies/${theirs}/contacts`)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/companies/${theirs}/bookings`)).statusCode).toBe(404);
    expect((await addContact(theirs, { firstName: 'X', lastName: 'Y', email: 'x@y.example' })).statusCode).toBe(404);
    const booking = await call('POST', '/api/v1/bookings', {
      roomTypeId: setup.roomTypeId,
      checkIn: '2027-09-01',
      checkOut: '2027-09-02',
      customer: { lastName: 'Cross' },
      companyId: theirs,
    });
    expect(booking.statusCode).toBe(400);
    expect(booking.json().error.code).toBe('unknown_company');
  });

  it('needs companies scopes and refuses hostile input with 4xx', async () => {
    const key = await expectStatus(
      call('POST', '/api/v1/api-keys', { name: 'Reader', scopes: ['companies:read'] }),
      201,
    );
    const bearer = { authorization: `Bearer ${key.secret}` };
    expect((await setup.t.app.inject({ method: 'GET', url: '/api/v1/companies', headers: bearer })).statusCode).toBe(
      200,
    );
    const write = await setup.t.app.inject({
      method: 'POST',
      url: '/api/v1/companies',
      headers: bearer,
      payload: { name: 'No' },
    });
    expect(write.statusCode).toBe(403);
    const c = await newCompany({ name: 'Scoped' });
    // Its bookings need bookings:read as well.
    expect(
      (await setup.t.app.inject({ method: 'GET', url: `/api/v1/companies/${c.id}/bookings`, headers: bearer }))
        .statusCode,
    ).toBe(403);
    const none = await setup.t.app.inject({ method: 'GET', url: '/api/v1/companies' });
    expect(none.statusCode).toBe(401);
    const marketing = await setup.t.addStaff('marketing');
    const m = await setup.t.login(marketing.email, marketing.password);
    expect((await call('GET', '/api/v1/companies', undefined, { cookie: m.cookie })).statusCode).toBe(200);
    expect((await call('POST', '/api/v1/companies', { name: 'No' }, m.headers)).statusCode).toBe(403);
    for (const [method, url, payload] of [
      ['GET', '/api/v1/companies?cursor=garbage'],
      ['GET', `/api/v1/companies?cursor=${Buffer.from('{"k":"companies","v":[1e400,"x"]}').toString('base64url')}`],
      ['GET', '/api/v1/companies?limit=100000'],
      ['POST', '/api/v1/companies', { name: '' }],
      ['POST', '/api/v1/companies', { name: 'x'.repeat(201) }],
      ['POST', '/api/v1/companies', { name: 'Evil', discount: 1e308 }],
      ['POST', '/api/v1/companies', { name: 'Evil', taxId: '\u0000' }],
      ['POST', '/api/v1/companies', { name: 'Evil', unknown: 1 }],
      ['POST', '/api/v1/companies', { name: 'Evil', tags: Array.from({ length: 10 }, (_, i) => `t${i}`) }],
      ['POST', '/api/v1/companies', { name: 'Evil', groupId: 'grp_nope' }],
      ['POST', `/api/v1/companies/${c.id}/contacts`, { guestId: 'g', roles: ['boss'] }],
      ['POST', `/api/v1/companies/${c.id}/contacts`, { firstName: 'No', email: 'not-an-email' }],
      ['PATCH', `/api/v1/companies/${c.id}/contacts/${'x'.repeat(65)}`, { roles: [] }],
      ['GET', `/api/v1/companies/${'x'.repeat(65)}`],
    ] as const) {
      const r = await call(method, url, payload);
      expect(r.statusCode, `${method} ${url} ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, `${method} ${url} ${r.body}`).toBeLessThan(500);
    }
  });
});
