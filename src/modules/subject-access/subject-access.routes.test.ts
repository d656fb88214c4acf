import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

/** Issue 12 point 3 (P-3): staff's subject-access export of a guest profile. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe(`subject access: GET /guests/{id}/personal-data (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let guestId: string;
  let otherGuestId: string;
  let customerBooking: { id: string; reference: string };
  let partyBooking: { id: string };
  let strangerBooking: { id: string };
  const GUEST = {
    firstName: 'Sabela',
    lastName: 'Quintairos',
    email: 'sabela.quintairos@example.net',
    phone: '+34 611 22 33 44',
    birthDate: '1984-03-09',
    marketingConsent: true,
    tags: ['VIP'],
    document: { type: 'passport', number: 'PX7654321', issuingCountry: 'ES', expiry: '2032-06-30' },
    addresses: [{ name: 'Casa', street: 'Rúa do Vilar 12', city: 'Santiago', postcode: '15705', country: 'ES' }],
  };

  const get = (url: string, headers: Record<string, string> = { cookie: owner.cookie }) =>
    t.app.inject({ method: 'GET', url, headers });
  const post = async (url: string, payload: object, headers = owner.headers) => {
    const res = await t.app.inject({ method: 'POST', url, headers, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const key = async (scopes: string[]) => {
    const { secret } = await post('/api/v1/api-keys', { name: scopes.join(' '), scopes });
    return { authorization: `Bearer ${secret as string}` };
  };
  const staff = async (role: 'read_only' | 'reception' | 'manager') => {
    const s = await t.addStaff(role);
    return { cookie: (await t.login(s.email, s.password)).cookie };
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    const { roomTypeId } = await t.addRoomType(owner, { name: 'Twin', capacity: 2, nightlyPrice: 90, roomCount: 50 });
    guestId = (await post('/api/v1/guests', GUEST)).id;
    otherGuestId = (await post('/api/v1/guests', { firstName: 'Otro', lastName: 'Huésped', email: 'otro@example.org' }))
      .id;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/guests/${guestId}`,
      headers: owner.headers,
      payload: { emails: [{ email: GUEST.email }, { email: 'sabela.work@example.com', label: 'work' }] },
    });
    await post(`/api/v1/guests/${guestId}/notes`, { body: 'Prefers a quiet room away from the lift' });
    customerBooking = await post('/api/v1/bookings', {
      source: 'phone',
      checkIn: day(20),
      checkOut: day(23),
      roomTypeId,
      notes: 'Arrives late',
      customer: { guestId },
    });
    partyBooking = await post('/api/v1/bookings', {
      source: 'ota',
      checkIn: day(40),
      checkOut: day(41),
      roomTypeId,
      notes: 'Note of someone else’s booking',
      customer: { guestId: otherGuestId },
      guests: [{ guestId }],
    });
    strangerBooking = await post('/api/v1/bookings', {
      source: 'phone',
      checkIn: day(50),
      checkOut: day(51),
      roomTypeId,
      customer: { guestId: otherGuestId },
    });
    const now = new Date();
    await t.database.system
      .insertInto('emailMessage')
      .values({
        orgId: t.orgId,
        id: 'eml_sar_1',
        event: 'account.password_reset',
        toAddress: 'sabela.work@example.com',
        language: 'es',
        subject: 'Restablece tu contraseña',
        bodyText: 'Abre https://hotel.test/account/reset?token=SECRET-TOKEN-123 para continuar',
        bodyHtml: null,
        status: 'sent',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await t.database.system
      .insertInto('customerAccount')
      .values({
        orgId: t.orgId,
        id: 'cus_sar_1',
        guestId,
        username: GUEST.email,
        passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$SECRET-HASH',
        status: 'validated',
        origin: 'registration',
        emailVerifiedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const [a, b] = [guestId, otherGuestId].sort() as [string, string];
    await t.database.system
      .insertInto('duplicateCandidate')
      .values({
        orgId: t.orgId,
        guestA: a,
        guestB: b,
        kind: 'related',
        score: 4,
        rule: 'test',
        reasons: '["shared booking"]',
      })
      .execute();
  });
  afterAll(() => t.close());

  it('gives everything held about the guest, unmasked, in one documented document', async () => {
    const res = await get(`/api/v1/guests/${guestId}/personal-data`);
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(doc).toMatchObject({
      format: 'clientela.personal-data',
      version: 1,
      controller: { organisationId: t.orgId },
      subject: { type: 'guest', id: guestId },
      scope: 'full',
    });
    expect(doc.controller.name).toEqual(expect.any(String));
    expect(Date.parse(doc.generatedAt)).not.toBeNaN();
    const s = doc.sections;
    expect(s.profile).toMatchObject({ id: guestId, firstName: 'Sabela', birthDate: '1984-03-09', tags: ['VIP'] });
    expect(s.emails.map((e: { email: string }) => e.email).sort()).toEqual([GUEST.email, 'sabela.work@example.com']);
    expect(s.phones[0].e164).toBe('+34611223344');
    expect(s.addresses[0]).toMatchObject({ street: 'Rúa do Vilar 12', postcode: '15705' });
    expect(s.documents).toEqual([
      { type: 'passport', number: 'PX7654321', issuingCountry: 'ES', expiry: '2032-06-30' },
    ]);
    // The consent ledger: the staff member who created the profile recorded the consent; their name stays out.
    expect(s.consents).toEqual({
      marketingConsent: true,
      records: [
        expect.objectContaining({ channel: 'email', purpose: 'marketing', status: 'granted', source: 'staff' }),
      ],
    });
    expect(JSON.stringify(s.consents)).not.toMatch(/actor|name/i);
    expect(s.notes.map((n: { body: string }) => n.body)).toEqual(['Prefers a quiet room away from the lift']);
    expect(s.history.length).toBeGreaterThan(0);
    // Bookings as customer and in a party; someone else's booking is not there, nor its notes.
    const bookings = s.bookings as { id: string; roles: string[]; notes: string | null; channel: string }[];
    expect(bookings.map((b) => b.id).sort()).toEqual([customerBooking.id, partyBooking.id].sort());
    expect(bookings.find((b) => b.id === customerBooking.id)).toMatchObject({
      roles: ['customer'],
      notes: 'Arrives late',
      channel: 'phone',
      reference: customerBooking.reference,
      property: { id: expect.any(String), name: expect.any(String) },
    });
    expect(bookings.find((b) => b.id === partyBooking.id)).toMatchObject({ roles: ['stay'], notes: null });
    expect(res.body).not.toContain(strangerBooking.id);
    expect(res.body).not.toContain('Note of someone else');
    // E-mails sent to any of the guest's addresses, with one-time links hidden.
    expect(s.emailsSent).toHaveLength(1);
    expect(s.emailsSent[0]).toMatchObject({ template: 'account.password_reset', to: 'sabela.work@example.com' });
    expect(s.emailsSent[0].bodyText).toContain('token=••••••');
    expect(res.body).not.toContain('SECRET-TOKEN-123');
    // Identity decisions, duplicate pairs (the other side by id only), the account without secrets.
    expect(s.identity.duplicatePairs).toEqual([expect.objectContaining({ otherGuestId, kind: 'related' })]);
    expect(res.body).not.toContain('otro@example.org');
    expect(s.customerAccounts).toEqual([
      expect.objectContaining({ id: 'cus_sar_1', username: GUEST.email, emailVerified: true, lastSignInAt: null }),
    ]);
    expect(res.body).not.toContain('SECRET-HASH');
    expect(res.body).not.toMatch(/passwordHash|csrf|secret_hash/i);
    expect(s.merges).toEqual([]);
    expect(s.signIns).toEqual({ sessions: [], throttling: [] });
    expect(s.auditEntries.map((a: { action: string }) => a.action)).toContain('guest.created');
  });

  it('is recorded in the audit log with ids only, and shows in the next export', async () => {
    const rows = await t.database.system
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'guest.personal_data.exported')
      .where('entityId', '=', guestId)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ actorType: 'staff', entityType: 'guest' });
    expect(rows[0]!.requestId).toEqual(expect.any(String));
    const data = JSON.stringify(rows[0]!.data);
    for (const marker of ['Sabela', 'Quintairos', 'example.net', '611', 'PX765', 'Vilar'])
      expect(data).not.toContain(marker);
    const again = (await get(`/api/v1/guests/${guestId}/personal-data`)).json();
    expect(again.sections.auditEntries.map((a: { action: string }) => a.action)).toContain(
      'guest.personal_data.exported',
    );
  });

  it('needs personal-data:read as well as guests:read (403), and a principal (401)', async () => {
    const url = `/api/v1/guests/${guestId}/personal-data`;
    expect((await get(url, {})).statusCode).toBe(401);
    const readOnly = await get(url, await staff('read_only'));
    expect(readOnly.statusCode).toBe(403);
    expect(readOnly.json().error.code).toBe('personal_data_required');
    const guestsOnly = await get(url, await key(['guests:read']));
    expect(guestsOnly.statusCode).toBe(403);
    expect(guestsOnly.json().error.code).toBe('personal_data_required');
    expect(guestsOnly.body).not.toContain('Sabela');
    const pdOnly = await get(url, await key(['personal-data:read']));
    expect(pdOnly.statusCode).toBe(403);
    expect(pdOnly.json().error.code).toBe('missing_permission');
    const both = await get(url, await key(['guests:read', 'personal-data:read']));
    expect(both.statusCode).toBe(200);
    expect(both.json().sections.emails[0].email).toContain('@example.');
    // Reception has personal data only when an owner or manager grants it (P-5); managers have it.
    expect((await get(url, await staff('reception'))).statusCode).toBe(403);
    expect((await get(url, await staff('manager'))).statusCode).toBe(200);
  });

  it('answers 404 for another organisation’s guest and 4xx for hostile ids', async () => {
    const other = await t.createOrg('Other Hotel');
    const otherOwner = await t.login(other.email, other.password);
    const res = await get(`/api/v1/guests/${guestId}/personal-data`, { cookie: otherOwner.cookie });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Sabela');
    expect((await get('/api/v1/guests/gst_nope/personal-data')).statusCode).toBe(404);
    // A merged-away id points to the surviving profile instead of answering for it.
    await t.database.system
      .insertInto('guestMerge')
      .values({
        orgId: t.orgId,
        id: 'mrg_test',
        survivorId: guestId,
        mergedIds: ['gst_merged_away'],
        mergedNames: ['(test)'],
        choices: '{}',
        snapshot: '{}',
        moves: '{}',
        createdByType: 'system',
        createdById: null,
        createdByName: null,
        createdAt: new Date(),
      })
      .execute();
    await t.database.system
      .insertInto('guestAlias')
      .values({
        orgId: t.orgId,
        oldId: 'gst_merged_away',
        survivorId: guestId,
        mergeId: 'mrg_test',
        createdAt: new Date(),
      })
      .execute();
    const merged = await get('/api/v1/guests/gst_merged_away/personal-data');
    expect(merged.statusCode).toBe(404);
    expect(merged.json().error).toMatchObject({
      code: 'guest_merged',
      details: [{ field: 'survivorId', message: guestId }],
    });
    const long = await get(`/api/v1/guests/${'x'.repeat(65)}/personal-data`);
    expect(long.statusCode).toBe(400);
    const nul = await get('/api/v1/guests/gst%00x/personal-data');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.code).toBe('nul_character');
  });

  it('is documented in the OpenAPI document with its schema', async () => {
    const spec = (await get('/api/v1/openapi.json')).json();
    const op = spec.paths['/api/v1/guests/{id}/personal-data'].get;
    expect(op.operationId).toBe('exportGuestPersonalData');
    expect(JSON.stringify(op.responses['200'])).toContain('PersonalDataDocument');
    expect(spec.components.schemas.PersonalDataDocument.properties.sections.properties).toHaveProperty('bookings');
    expect(spec.paths['/api/v1/account/personal-data'].get.operationId).toBe('exportOwnPersonalData');
  });

  it('records each full profile read as guest.viewed (not list views)', async () => {
    const count = async () =>
      (
        await t.database.system
          .selectFrom('auditLog')
          .select('id')
          .where('action', '=', 'guest.viewed')
          .where('entityId', '=', guestId)
          .execute()
      ).length;
    const before = await count();
    expect((await get(`/api/v1/guests/${guestId}`)).statusCode).toBe(200);
    const reader = await key(['guests:read']);
    expect((await get(`/api/v1/guests/${guestId}`, reader)).statusCode).toBe(200);
    expect((await get('/api/v1/guests?q=Sabela')).statusCode).toBe(200);
    expect(await count()).toBe(before + 2);
    const last = await t.database.system
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'guest.viewed')
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({
      actorType: 'api_key',
      entityType: 'guest',
      entityId: guestId,
      data: { masked: true },
    });
  });
});
