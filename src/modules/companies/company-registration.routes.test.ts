import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { customerLogin, signedInCustomer, tokenFromEmail, type CustomerLogin } from '../../../test/support/accounts.ts';
import { engineName } from '../../../test/support/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { runNextJob } from '../../jobs/queue.ts';
import { issueFormToken } from '../communication/index.ts';
import { emailJobHandlers } from '../email/index.ts';

const PASSWORD = 'sol-purchasing-2027';

/**
 * Issue 15 point 5 and C-3/C-4 on the booking site: registering as a company, staff's
 * review with the existing companies side by side, the decision e-mails over real SMTP, price
 * display for a `new` company's contact, and booking for the company at its price.
 */
describe(`company registration and booking for the company (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let smtp: TestSmtpServer;
  let propertyId: string;
  let roomTypeId: string;
  let ip = 0;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ env: { SMTP_URL: smtp.url } });
    s = await t.login();
    ({ propertyId, roomTypeId } = await t.addRoomType(s, {
      name: 'Double',
      capacity: 2,
      nightlyPrice: 100,
      roomCount: 20,
    }));
  });
  afterAll(async () => {
    await smtp.close();
    await t.close();
  });

  const staff = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = s.headers) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const form = (over: { company?: object; contact?: object; [k: string]: unknown } = {}) => {
    const { company, contact, ...rest } = over;
    return {
      company: { name: 'Viajes Sol', country: 'ES', billingAddress: { city: 'Madrid', country: 'ES' }, ...company },
      contact: {
        firstName: 'Sofía',
        lastName: 'Navarro',
        email: 'sofia@viajessol.example',
        password: PASSWORD,
        ...contact,
      },
      formToken: issueFormToken(t.orgId, Date.now() - 10_000),
      ...rest,
    };
  };
  const register = (payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/public/company-registrations',
      payload,
      // Each from its own address: the per-IP limit has its own test.
      remoteAddress: `10.2.0.${++ip}`,
    });
  const companyNamed = (name: string) =>
    t.database.forOrg(t.orgId).selectFrom('company').selectAll().where('name', '=', name).executeTakeFirst();
  const drain = async () => {
    const handlers = emailJobHandlers({ smtpUrl: smtp.url, mailFrom: 'Hotel <hotel@hotel.test>' });
    while (await runNextJob(t.database.system, handlers));
  };
  const verifyAndSignIn = async (email: string, password = PASSWORD): Promise<CustomerLogin> => {
    const token = await tokenFromEmail(t, 'account.verify_email', email);
    const v = await t.app.inject({ method: 'POST', url: '/api/v1/account/verify-email', payload: { token } });
    expect(v.statusCode, v.body).toBeLessThan(300);
    return customerLogin(t, email, password);
  };
  const checkout = (who: CustomerLogin, extra: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/public/checkout',
      headers: who.headers,
      remoteAddress: `10.3.0.${++ip}`,
      payload: {
        propertyId,
        items: [{ roomTypeId, checkIn: day(30), checkOut: day(32), adults: 2 }],
        customer: { firstName: 'X', lastName: 'Y', email: who.email },
        ...extra,
      },
    });
  const siteInfo = (who: CustomerLogin) =>
    t.app.inject({ method: 'GET', url: `/api/v1/public/properties/${propertyId}`, headers: { cookie: who.cookie } });

  let sofia: CustomerLogin;
  let sol: string;
  let corporate: string;

  it('registers a company: new, its contact purchasing with an account to verify; staff are alerted', async () => {
    const formRes = await t.app.inject({ method: 'GET', url: '/api/v1/public/company-registrations/form' });
    expect(formRes.json().formToken).toMatch(/^\d{13}\./);
    const res = await register(form({ company: { legalName: 'Viajes Sol S.L.', taxId: 'B12345674' } }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ status: 'received' });
    const row = await companyNamed('Viajes Sol');
    expect(row).toMatchObject({ status: 'new', taxId: 'B12345674', billingCity: 'Madrid' });
    sol = row!.id;
    const contacts = await staff('GET', `/api/v1/companies/${sol}/contacts`);
    expect(contacts.json().items).toEqual([
      expect.objectContaining({ firstName: 'Sofía', lastName: 'Navarro', roles: ['purchasing'] }),
    ]);
    const alert = await t.database.system
      .selectFrom('emailMessage')
      .select(['bodyText'])
      .where('event', '=', 'registration.staff_alert')
      .executeTakeFirst();
    expect(alert?.bodyText).toContain('/admin/settings/accounts?tab=companies');
    // The account signs in once its e-mail is verified, as a private registrant's.
    sofia = await verifyAndSignIn('sofia@viajessol.example');
    const company = await t.app.inject({ method: 'GET', url: '/api/v1/account/company', headers: sofia.headers });
    expect(company.json().items).toEqual([expect.objectContaining({ id: sol, roles: ['purchasing'] })]);
  });

  it('turns robots away silently, and refuses stale forms, weak passwords and hostile input', async () => {
    const before = await t.database.forOrg(t.orgId).selectFrom('company').select('id').execute();
    const honeypot = await register(form({ company: { name: 'Robot SL' }, website: 'http://spam.example' }));
    expect(honeypot.statusCode).toBe(201);
    const fast = await register(form({ company: { name: 'Robot SL' }, formToken: issueFormToken(t.orgId) }));
    expect(fast.statusCode).toBe(201);
    expect(await t.database.forOrg(t.orgId).selectFrom('company').select('id').execute()).toHaveLength(before.length);
    for (const [payload, code] of [
      [form({ formToken: `${Date.now() - 10_000}.${'A'.repeat(43)}` }), 'form_expired'],
      [form({ formToken: issueFormToken('org_other', Date.now() - 10_000) }), 'form_expired'],
      [form({ contact: { password: 'password' } }), undefined],
      [form({ company: { name: 'Nul\u0000Corp' } }), undefined],
      [form({ company: { name: 'x'.repeat(5000) } }), undefined],
      [form({ company: { taxId: 'B12345670' } }), 'invalid_tax_id'],
      [form({ contact: { email: 'not-an-email' } }), undefined],
      [form({ total: 1 }), undefined],
    ] as const) {
      const res = await register(payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toEqual(expect.objectContaining({ code: code ?? expect.any(String) }));
    }
  });

  it('limits registrations per e-mail (429 with retry-after)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push(
        (await register(form({ company: { name: `Spam ${i}` }, contact: { email: 'flood@spam.example' } }))).statusCode,
      );
    expect(codes).toEqual([201, 201, 201, 429]);
  });

  it('lists new registrations beside existing companies with the same tax id or a near-identical name', async () => {
    const existing = await staff('POST', '/api/v1/companies', {
      name: 'Viajes Sol, S.L.',
      taxId: 'ESB12345674',
      country: 'ES',
      billingAddress: { city: 'madrid', country: 'ES' },
    });
    expect(existing.statusCode, existing.body).toBe(201);
    await register(form({ company: { name: 'Viajes Sól' }, contact: { email: 'otro@viajessol.example' } }));
    const list = await staff('GET', '/api/v1/company-registrations');
    expect(list.statusCode, list.body).toBe(200);
    const byName = (n: string) => list.json().items.find((i: { company: { name: string } }) => i.company.name === n);
    // The same tax id first, then near-identical names (another registration among them).
    expect(byName('Viajes Sol').candidates[0]).toEqual(
      expect.objectContaining({ id: existing.json().id, reason: 'same_tax_id' }),
    );
    expect(byName('Viajes Sól').candidates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: existing.json().id, reason: 'similar_name' }),
        expect.objectContaining({ id: sol, reason: 'similar_name' }),
      ]),
    );
    expect(byName('Viajes Sol').contact).toMatchObject({ firstName: 'Sofía', email: 'sofia@viajessol.example' });
    expect(list.json().counts.new).toBeGreaterThanOrEqual(2);
    // The same tax id as a validated company cannot be validated: 409 naming it.
    const clash = await staff('POST', `/api/v1/companies/${sol}/validate`);
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'company_exists', details: [{ code: existing.json().id }] });
    await staff('PATCH', `/api/v1/companies/${existing.json().id}`, { taxId: null });
  });

  it('shows a new company’s contact prices only as the settings say, and refuses booking for it until validated', async () => {
    const groups = await staff('GET', '/api/v1/groups');
    const customerGroup = groups.json().items.find((g: { systemKind: string | null }) => g.systemKind === 'customer');
    expect((await staff('PATCH', `/api/v1/groups/${customerGroup.id}`, { priceDisplay: 'validated' })).statusCode).toBe(
      200,
    );
    const g = await staff('POST', '/api/v1/groups', {
      name: 'Corporate',
      discountPercent: 10,
      priceDisplay: 'validated',
    });
    expect(g.statusCode, g.body).toBe(201);
    corporate = g.json().id;
    expect((await staff('PATCH', `/api/v1/companies/${sol}`, { groupId: corporate, discount: 5 })).statusCode).toBe(
      200,
    );
    const pending = await siteInfo(sofia);
    expect(pending.json().prices).toMatchObject({ visible: false, hiddenReason: 'validation' });
    expect(pending.json().companies).toEqual([]);
    const early = await checkout(sofia, { companyId: sol });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('company_not_validated');
  });

  it('validates: the contact is e-mailed over SMTP, sees prices and books for the company at its price', async () => {
    const res = await staff('POST', `/api/v1/companies/${sol}/validate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'validated' });
    expect((await staff('POST', `/api/v1/companies/${sol}/validate`)).json().error.code).toBe('registration_decided');
    await drain();
    const mail = smtp.received.find(
      (m) => m.to.includes('sofia@viajessol.example') && /validated/.test(m.subject + m.text),
    );
    expect(mail?.subject).toMatch(/Viajes Sol is now a company customer of/);
    const info = await siteInfo(sofia);
    expect(info.json().prices.visible).toBe(true);
    expect(info.json().companies).toEqual([
      expect.objectContaining({ id: sol, name: 'Viajes Sol', visible: true, discountPercent: 14.5 }),
    ]);
    const booked = await checkout(sofia, { companyId: sol });
    expect(booked.statusCode, booked.body).toBe(201);
    // 2 nights × 100, the group's 10 % then the company's 5 %: 171.00, computed by the server.
    expect(booked.json().bookings[0].total).toBe(171);
    const row = await t.database
      .forOrg(t.orgId)
      .selectFrom('booking')
      .select(['companyId', 'contactId', 'total'])
      .where('id', '=', booked.json().bookings[0].id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ companyId: sol, contactId: sofia.guestId });
    // Booking privately, the same person pays the private price.
    const own = await checkout(sofia);
    expect(own.json().bookings[0].total).toBe(200);
  });

  it('cancels with a reason told to the contact (in their language); the company leaves their area', async () => {
    const reg = await register(
      form({
        company: { name: 'Agence Brume', country: 'FR', billingAddress: null, language: 'fr' },
        contact: { firstName: 'Luc', lastName: 'Brume', email: 'luc@brume.example', language: 'fr' },
      }),
    );
    expect(reg.statusCode, reg.body).toBe(201);
    const brume = (await companyNamed('Agence Brume'))!.id;
    const luc = await verifyAndSignIn('luc@brume.example');
    const res = await staff('POST', `/api/v1/companies/${brume}/cancel`, { reason: 'Numéro SIREN introuvable' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', statusReason: 'Numéro SIREN introuvable' });
    await drain();
    const mail = smtp.received.find((m) => m.to.includes('luc@brume.example') && /Motif/.test(m.text));
    expect(mail?.subject).toBe(`Votre inscription de Agence Brume chez ${mail?.subject.split(' chez ')[1]}`);
    expect(mail?.text).toContain('Motif : Numéro SIREN introuvable');
    const area = await t.app.inject({ method: 'GET', url: '/api/v1/account/company', headers: luc.headers });
    expect(area.json().items).toEqual([]);
    const cancelled = await staff('GET', '/api/v1/company-registrations?status=cancelled');
    expect(cancelled.json().items.map((i: { company: { id: string } }) => i.company.id)).toContain(brume);
  });

  it('refuses booking for the company to billing contacts, strangers, visitors and another hotel', async () => {
    const bruno = await signedInCustomer(t, 'bruno@viajessol.example', { firstName: 'Bruno', lastName: 'Bill' });
    expect(
      (await staff('POST', `/api/v1/companies/${sol}/contacts`, { guestId: bruno.guestId, roles: ['billing'] }))
        .statusCode,
    ).toBe(201);
    const billing = await checkout(bruno, { companyId: sol });
    expect(billing.statusCode).toBe(403);
    expect(billing.json().error.code).toBe('company_role_required');
    const stranger = await signedInCustomer(t, 'stranger@else.example', { firstName: 'Stan', lastName: 'Ger' });
    expect((await checkout(stranger, { companyId: sol })).statusCode).toBe(404);
    const visitor = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/checkout',
      payload: {
        propertyId,
        items: [{ roomTypeId, checkIn: day(30), checkOut: day(31) }],
        customer: { firstName: 'V', lastName: 'Isitor', email: 'v@visitor.example' },
        companyId: sol,
      },
    });
    expect(visitor.statusCode).toBe(401);
    const other = await t.createOrg('Other hotel');
    const o = await t.login(other.email, other.password);
    const theirs = await staff('POST', '/api/v1/companies', { name: 'Their company' }, o.headers);
    expect((await checkout(sofia, { companyId: theirs.json().id })).statusCode).toBe(404);
    expect((await staff('POST', `/api/v1/companies/${theirs.json().id}/validate`)).statusCode).toBe(404);
    expect((await staff('POST', `/api/v1/companies/${sol}/cancel`, {}, o.headers)).statusCode).toBe(404);
    expect((await checkout(sofia, { companyId: 'x'.repeat(65) })).statusCode).toBe(400);
  });

  it('needs credentials and permissions for the review, and refuses hostile input with 4xx', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/company-registrations' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/companies/${sol}/cancel` })).statusCode).toBe(401);
    const key = await staff('POST', '/api/v1/api-keys', { name: 'Guests', scopes: ['guests:read'] });
    const bearer = { authorization: `Bearer ${key.json().secret}` };
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/company-registrations', headers: bearer })).statusCode,
    ).toBe(403);
    const marketing = await t.addStaff('marketing');
    const m = await t.login(marketing.email, marketing.password);
    expect((await staff('GET', '/api/v1/company-registrations', undefined, { cookie: m.cookie })).statusCode).toBe(200);
    expect((await staff('POST', `/api/v1/companies/${sol}/validate`, undefined, m.headers)).statusCode).toBe(403);
    for (const [method, url, payload] of [
      ['GET', '/api/v1/company-registrations?status=bogus'],
      ['GET', '/api/v1/company-registrations?cursor=garbage'],
      ['POST', `/api/v1/companies/${'x'.repeat(100)}/validate`],
      ['POST', '/api/v1/companies/cmp_nope/cancel', { reason: 'x'.repeat(5000) }],
      ['POST', '/api/v1/companies/cmp_nope/cancel', { reason: 'a\u0000b' }],
      ['POST', '/api/v1/companies/cmp_nope/validate'],
    ] as const) {
      const res = await staff(method, url, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code).toEqual(expect.any(String));
    }
  });
});
