import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { jobHandlers } from '../../jobs/handlers.ts';
import { runNextJob } from '../../jobs/queue.ts';

/**
 * Issue 15, point 4: the guest list and exports filter by company — the company's contacts and the
 * customers and travellers of its bookings; nobody else, and nothing of another organisation.
 */
describe(`guest list and exports: company filter (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let acme: string;
  let other: string;
  const ids: Record<string, string> = {};

  const call = (method: 'GET' | 'POST', url: string, payload?: object, headers = s.headers) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const names = async (query: string, headers = s.headers) => {
    const r = await call('GET', `/api/v1/guests?${query}`, undefined, headers);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json<{ items: { firstName: string }[]; total: number }>();
    expect(body.total).toBe(body.items.length);
    return body.items.map((g) => g.firstName).sort();
  };

  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    await t.addRoomType(s, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 20 });
    const post = async (url: string, body: object) => {
      const r = await call('POST', url, body);
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ id: string; guestId: string }>();
    };
    acme = (await post('/api/v1/companies', { name: 'Acme Travel' })).id;
    other = (await post('/api/v1/companies', { name: 'Other Corp' })).id;
    ids.carla = (
      await post(`/api/v1/companies/${acme}/contacts`, {
        firstName: 'Carla',
        lastName: 'Contact',
        email: 'carla@acme.example',
        roles: ['billing'],
        invite: false,
      })
    ).guestId;
    await post(`/api/v1/companies/${other}/contacts`, {
      firstName: 'Oscar',
      lastName: 'Other',
      email: 'oscar@other.example',
      roles: ['billing'],
      invite: false,
    });
    const book = (companyId: string | undefined, ref: string, customer: string, travellers: string[]) =>
      post('/api/v1/bookings', {
        source: 'api',
        externalRef: ref,
        checkIn: '2027-03-01',
        checkOut: '2027-03-03',
        roomTypeName: 'double',
        total: 200,
        currency: 'EUR',
        ...(companyId ? { companyId } : {}),
        customer: { firstName: customer, lastName: 'Booker', email: `${customer.toLowerCase()}@book.example` },
        guests: travellers.map((first) => ({
          firstName: first,
          lastName: 'Traveller',
          email: `${first.toLowerCase()}@travel.example`,
        })),
      });
    await book(acme, 'F-1', 'Bea', ['Tomas', 'Ursula']);
    await book(other, 'F-2', 'Victor', ['Wanda']);
    await book(undefined, 'F-3', 'Pablo', ['Quim']);
  });
  afterAll(() => t.close());

  it('GET /guests?companyId: contacts, customers and travellers of its bookings', async () => {
    expect(await names(`companyId=${acme}`)).toEqual(['Bea', 'Carla', 'Tomas', 'Ursula']);
    expect(await names(`companyId=${other}`)).toEqual(['Oscar', 'Victor', 'Wanda']);
    // Combined with the search box and another filter.
    expect(await names(`companyId=${acme}&q=ursula`)).toEqual(['Ursula']);
    expect(await names(`companyId=${acme}&minBookings=1`)).toEqual(['Bea']);
    expect(await names('companyId=cmp_nope')).toEqual([]);
  });

  it('another organisation’s company id matches no one; hostile values are 400', async () => {
    const org = await t.createOrg('Elsewhere hotel');
    const owner = await t.login(org.email, org.password);
    expect(await names(`companyId=${acme}`, owner.headers)).toEqual([]);
    for (const bad of [encodeURIComponent('a\u0000b'), 'x'.repeat(65), '']) {
      const r = await call('GET', `/api/v1/guests?companyId=${bad}`);
      expect(r.statusCode, bad).toBe(400);
      expect(r.json().error.code).toEqual(expect.any(String));
    }
    const noAuth = await t.app.inject({ method: 'GET', url: `/api/v1/guests?companyId=${acme}` });
    expect(noAuth.statusCode).toBe(401);
  });

  it('POST /exports with filters.companyId exports the company’s people only', async () => {
    const r = await call('POST', '/api/v1/exports', { format: 'csv', filters: { companyId: acme } });
    expect(r.statusCode, r.body).toBe(202);
    while (await runNextJob(t.database.system, jobHandlers())) {
      /* run the export */
    }
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exports/${r.json<{ id: string }>().id}/file`,
      headers: { cookie: s.cookie },
    });
    expect(file.statusCode, file.body).toBe(200);
    const csv = file.rawPayload.toString('utf8');
    for (const n of ['Bea', 'Carla', 'Tomas', 'Ursula']) expect(csv).toContain(n);
    for (const n of ['Oscar', 'Victor', 'Wanda', 'Pablo', 'Quim']) expect(csv).not.toContain(n);
    const bad = await call('POST', '/api/v1/exports', { format: 'csv', filters: { companyId: 'a\u0000b' } });
    expect(bad.statusCode).toBe(400);
  });
});
