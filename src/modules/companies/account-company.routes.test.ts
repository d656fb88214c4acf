import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { signedInCustomer, type CustomerLogin } from '../../../test/support/accounts.ts';
import { engineName } from '../../../test/support/db.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';

/**
 * Issue 15, point 3: the company area of the customer account. Membership is the contact link to
 * the account's own guest profile; every operation is walked with the wrong contact.
 */
describe(`customer area: company (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let companyA: string;
  let companyB: string;
  const c: Record<string, CustomerLogin> = {};
  let n = 0;
  let bookingA: { id: string; reference: string };
  let bookingB: { id: string; reference: string };
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  const staff = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const as = (who: CustomerLogin | null, url: string) =>
    t.app.inject({ method: 'GET', url, headers: who ? who.headers : {} });
  const company = async (name: string) => {
    const r = await staff('POST', '/api/v1/companies', { name });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };
  const link = async (companyId: string, guestId: string, roles: string[]) => {
    const r = await staff('POST', `/api/v1/companies/${companyId}/contacts`, { guestId, roles });
    expect(r.statusCode, r.body).toBe(201);
  };
  const book = async (companyId: string, checkIn: string, checkOut: string, traveller: string, total: number) => {
    const r = await staff('POST', '/api/v1/bookings', {
      source: 'api',
      externalRef: `CO-${++n}`,
      checkIn,
      checkOut,
      roomTypeName: 'double',
      total,
      currency: 'EUR',
      companyId,
      customer: { firstName: traveller, lastName: 'Traveller', email: `${traveller.toLowerCase()}@travel.example` },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string; reference: string }>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    await t.addRoomType(s, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 50 });
    companyA = await company('Acme Travel');
    companyB = await company('Borealis Corp');
    for (const [key, first] of [
      ['purchasing', 'Paula'],
      ['billing', 'Bruno'],
      ['logistics', 'Lea'],
      ['support', 'Sam'],
      ['otherCompany', 'Olga'],
      ['lookalike', 'Ida'],
    ] as const)
      c[key] = await signedInCustomer(t, `${first.toLowerCase()}@contacts.example`, {
        firstName: first,
        lastName: 'Contact',
      });
    await link(companyA, c.purchasing!.guestId, ['purchasing']);
    await link(companyA, c.billing!.guestId, ['billing']);
    await link(companyA, c.logistics!.guestId, ['logistics']);
    await link(companyA, c.support!.guestId, ['support']);
    await link(companyB, c.otherCompany!.guestId, ['purchasing', 'billing', 'logistics', 'support']);
    // The same person by identity (same names and e-mail) but another profile: staff made a second
    // profile and linked that one. The customer's account is linked to the first, so no access.
    const twin = await staff('POST', '/api/v1/guests', {
      firstName: 'Ida',
      lastName: 'Contact',
      email: 'ida@contacts.example',
    });
    expect(twin.statusCode, twin.body).toBe(201);
    const twinId = twin.json<{ id: string }>().id;
    expect(twinId).not.toBe(c.lookalike!.guestId);
    await link(companyA, twinId, ['billing', 'logistics', 'support']);

    bookingA = await book(companyA, day(30), day(33), 'Tomas', 345.5);
    await book(companyA, day(-20), day(-18), 'Ursula', 200);
    bookingB = await book(companyB, day(40), day(41), 'Victor', 999);
  });
  afterAll(() => t.close());

  it('lists the companies and roles of the account’s own profile only', async () => {
    const mine = await as(c.purchasing!, '/api/v1/account/company');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items).toEqual([{ id: companyA, name: 'Acme Travel', roles: ['purchasing'] }]);
    const other = await as(c.otherCompany!, '/api/v1/account/company');
    expect(other.json().items).toEqual([
      { id: companyB, name: 'Borealis Corp', roles: ['purchasing', 'billing', 'logistics', 'support'] },
    ]);
    const twin = await as(c.lookalike!, '/api/v1/account/company');
    expect(twin.statusCode).toBe(200);
    expect(twin.json().items).toEqual([]);
    expect((await as(null, '/api/v1/account/company')).statusCode).toBe(401);
    // A staff session never passes a customer route.
    expect((await staff('GET', '/api/v1/account/company')).statusCode).toBe(401);
  });

  it('purchasing and billing see the company’s bookings with amounts', async () => {
    for (const who of [c.purchasing!, c.billing!]) {
      const r = await as(who, `/api/v1/account/company/${companyA}/bookings`);
      expect(r.statusCode, r.body).toBe(200);
      const items = r.json<{ items: { total: number; currency: string; travellers: string[]; checkIn: string }[] }>()
        .items;
      expect(items.map((b) => [b.checkIn, b.total, b.currency])).toEqual([
        [day(30), 345.5, 'EUR'],
        [day(-20), 200, 'EUR'],
      ]);
      expect(items[0]!.travellers).toEqual(['Tomas Traveller']);
      expect(r.body).not.toContain('Victor');
    }
  });

  it('logistics sees upcoming arrivals with travellers’ names and no prices', async () => {
    const r = await as(c.logistics!, `/api/v1/account/company/${companyA}/arrivals`);
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json<{ items: Record<string, unknown>[] }>().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ checkIn: day(30), travellers: ['Tomas Traveller'], nights: 3 });
    expect(items[0]).not.toHaveProperty('total');
    expect(items[0]).not.toHaveProperty('currency');
    expect(r.body).not.toContain('345');
  });

  it('support sees the hotel’s contact details', async () => {
    const added = await staff('POST', '/api/v1/hotel-contacts', {
      name: { en: 'Reservations', es: 'Reservas', fr: 'Réservations' },
      email: 'reservations@hotel.test',
    });
    expect(added.statusCode, added.body).toBe(201);
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/account/company/${companyA}/support`,
      headers: { ...c.support!.headers, 'accept-language': 'es-ES' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().contacts).toEqual([{ name: 'Reservas', description: '', email: 'reservations@hotel.test' }]);
    expect(r.json().hotelName).toEqual(expect.any(String));
  });

  it('billing downloads a PDF receipt per booking (server-side, accents kept, in the contact’s language)', async () => {
    const edit = await staff('PATCH', `/api/v1/companies/${companyA}`, {
      legalName: 'Acme Voyages Peña & Façade S.à r.l.',
      billingAddress: { street: 'Rue de l’Église 5', city: 'Besançon', postcode: '25000', country: 'FR' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const url = `/api/v1/account/company/${companyA}/bookings/${bookingA.id}/receipt`;
    const r = await t.app.inject({ method: 'GET', url, headers: { ...c.billing!.headers, 'accept-language': 'fr' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="receipt-${bookingA.reference}.pdf"`);
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(r.rawPayload);
    for (const s of ['Reçu', 'Facturé à', 'Acme Voyages Peña & Façade S.à r.l.', 'Rue de l’Église 5', '25000 Besançon'])
      expect(text).toContain(s);
    expect(text).toContain(bookingA.reference);
    expect(text).toContain('Tomas Traveller');
    // The French amount: a no-break space before the euro sign (both in WinAnsi).
    expect(text).toMatch(/345,50\u00a0€/);
    const es = await t.app.inject({ method: 'GET', url, headers: { ...c.billing!.headers, 'accept-language': 'es' } });
    expect(pdfText(es.rawPayload)).toMatch(/Recibo[^]*Habitación[^]*345,50\s€/);
    // The printable page stays available, escaped.
    const html = await t.app.inject({
      method: 'GET',
      url: `${url}?format=html`,
      headers: { ...c.billing!.headers, 'accept-language': 'fr' },
    });
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('Peña &amp; Façade');
    expect(html.body).toContain(bookingA.reference);
    for (const q of ['format=pdf%00', 'format=xml', 'other=1'])
      expect((await as(c.billing!, `${url}?${q}`)).statusCode).toBe(400);
    // Another company's booking through company A's path: not found.
    const cross = await as(c.billing!, `/api/v1/account/company/${companyA}/bookings/${bookingB.id}/receipt`);
    expect(cross.statusCode).toBe(404);
    expect(cross.body).not.toContain('Victor');
    for (const id of ['bkg_nope', encodeURIComponent('a\u0000b'), 'z'.repeat(65)]) {
      const bad = await as(c.billing!, `/api/v1/account/company/${companyA}/bookings/${id}/receipt`);
      expect([400, 404]).toContain(bad.statusCode);
    }
  });

  it('walks every company operation with the wrong contact: 403/404, never data', async () => {
    const receipt = () => `bookings/${bookingA.id}/receipt`;
    const sections = ['bookings', 'arrivals', 'support', 'receipt'] as const;
    const allowed: Record<(typeof sections)[number], string[]> = {
      bookings: ['purchasing', 'billing'],
      arrivals: ['logistics'],
      support: ['support'],
      receipt: ['billing'],
    };
    const path = (section: (typeof sections)[number]) => (section === 'receipt' ? receipt() : section);
    for (const section of sections) {
      // Another company's contact (with every role there) → 404 for company A; A's contacts → 404 for B.
      for (const [who, id] of [
        [c.otherCompany!, companyA],
        [c.purchasing!, companyB],
        [c.billing!, companyB],
        [c.logistics!, companyB],
        [c.support!, companyB],
        [c.lookalike!, companyA],
        [c.lookalike!, companyB],
      ] as const) {
        const r = await as(who, `/api/v1/account/company/${id}/${path(section)}`);
        expect(r.statusCode, `${who.email} ${section} ${id}`).toBe(404);
        expect(r.body).not.toMatch(/Tomas|Victor|Traveller|reservations@|Acme/);
      }
      // A's contacts without the role → 403.
      for (const role of ['purchasing', 'billing', 'logistics', 'support']) {
        if (allowed[section].includes(role)) continue;
        const r = await as(c[role]!, `/api/v1/account/company/${companyA}/${path(section)}`);
        expect(r.statusCode, `${role} ${section}`).toBe(403);
        expect(r.json().error.code).toBe('company_role_required');
        expect(r.body).not.toMatch(/Tomas|Traveller|reservations@/);
      }
      // Unknown and hostile ids never give a 5xx.
      for (const id of ['cmp_nope', 'x'.repeat(64), encodeURIComponent('a\u0000b')]) {
        const r = await as(c.purchasing!, `/api/v1/account/company/${id}/${path(section)}`);
        expect([400, 404]).toContain(r.statusCode);
      }
      expect((await as(c.purchasing!, `/api/v1/account/company/${'y'.repeat(65)}/${path(section)}`)).statusCode).toBe(
        400,
      );
      expect((await as(null, `/api/v1/account/company/${companyA}/${path(section)}`)).statusCode).toBe(401);
    }
  });

  it('a contact removed from the company loses access at once', async () => {
    const extra = await signedInCustomer(t, 'rita@contacts.example', { firstName: 'Rita', lastName: 'Contact' });
    await link(companyA, extra.guestId, ['billing']);
    expect((await as(extra, `/api/v1/account/company/${companyA}/bookings`)).statusCode).toBe(200);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/companies/${companyA}/contacts/${extra.guestId}`,
      headers: s.headers,
    });
    expect(del.statusCode, del.body).toBeLessThan(300);
    expect((await as(extra, `/api/v1/account/company/${companyA}/bookings`)).statusCode).toBe(404);
    expect((await as(extra, '/api/v1/account/company')).json().items).toEqual([]);
  });
});
