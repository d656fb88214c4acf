import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

/** Properties and room types as the Settings → Properties & rooms page manages them (B-1). */
describe(`properties and room types (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let propertyId: string;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    propertyId = (
      await t.app.inject({ method: 'GET', url: '/api/v1/properties', headers: { cookie: s.cookie } })
    ).json().items[0].id;
  });
  afterAll(() => t.close());

  const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url, headers: method === 'GET' ? { cookie: s.cookie } : s.headers, payload });

  it('creates, renames and lists properties', async () => {
    const created = await req('POST', '/api/v1/properties', { name: 'Hotel Playa', currency: 'eur', country: 'es' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Hotel Playa', currency: 'EUR', country: 'ES' });
    const renamed = await req('PATCH', `/api/v1/properties/${created.json().id}`, { name: 'Hotel Playa Sur' });
    expect(renamed.json().name).toBe('Hotel Playa Sur');
    const names = (await req('GET', '/api/v1/properties')).json().items.map((p: { name: string }) => p.name);
    expect(names).toContain('Hotel Playa Sur');
  });

  it('creates, edits and deletes a room type; names are unique per property', async () => {
    const created = await req('POST', `/api/v1/properties/${propertyId}/room-types`, {
      name: 'Junior Suite',
      capacity: 3,
      nightlyPrice: 180,
      roomCount: 4,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const twice = await req('POST', `/api/v1/properties/${propertyId}/room-types`, {
      name: 'junior suite',
      capacity: 2,
      nightlyPrice: 100,
      roomCount: 1,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details[0].field).toBe('name');

    const edited = await req('PATCH', `/api/v1/room-types/${id}`, { nightlyPrice: 195.5, roomCount: 5 });
    expect(edited.json()).toMatchObject({ name: 'Junior Suite', nightlyPrice: 195.5, roomCount: 5, capacity: 3 });

    const deleted = await req('DELETE', `/api/v1/room-types/${id}`);
    expect(deleted.statusCode).toBe(204);
    const left = (await req('GET', `/api/v1/properties/${propertyId}/room-types`)).json().items;
    expect(left.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await req('DELETE', `/api/v1/room-types/${id}`)).statusCode).toBe(404);
  });

  it('refuses to delete a room type that bookings use, and keeps it', async () => {
    const id = (
      await req('POST', `/api/v1/properties/${propertyId}/room-types`, {
        name: 'Family',
        capacity: 4,
        nightlyPrice: 150,
        roomCount: 2,
      })
    ).json().id as string;
    const booking = await req('POST', '/api/v1/bookings', {
      source: 'staff',
      roomTypeId: id,
      checkIn: '2027-07-01',
      checkOut: '2027-07-03',
      customer: { firstName: 'Lena', lastName: 'Berg' },
    });
    expect(booking.statusCode).toBe(201);
    // Even cancelled, the booking still names the room type.
    await req('POST', `/api/v1/bookings/${booking.json().id}/cancel`);
    const refused = await req('DELETE', `/api/v1/room-types/${id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('room_type_in_use');
    const deactivated = await req('PATCH', `/api/v1/room-types/${id}`, { active: false });
    expect(deactivated.json().active).toBe(false);
    const avail = (
      await req('GET', `/api/v1/properties/${propertyId}/availability?from=2027-07-01&to=2027-07-02`)
    ).json();
    expect(avail.roomTypes.map((r: { roomTypeId: string }) => r.roomTypeId)).not.toContain(id);
  });

  it('refuses bad room types with the field named', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '', capacity: 2, nightlyPrice: 10, roomCount: 1 }, 'name'],
      [{ name: 'X', capacity: 0, nightlyPrice: 10, roomCount: 1 }, 'capacity'],
      [{ name: 'X', capacity: 2, nightlyPrice: -1, roomCount: 1 }, 'nightlyPrice'],
      [{ name: 'X', capacity: 2, nightlyPrice: 10, roomCount: -1 }, 'roomCount'],
    ];
    for (const [payload, field] of cases) {
      const res = await req('POST', `/api/v1/properties/${propertyId}/room-types`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('lets reception read room types but not change them', async () => {
    const reception = await t.addStaff('reception');
    const r = await t.login(reception.email, reception.password);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/properties/${propertyId}/room-types`,
      headers: { cookie: r.cookie },
    });
    expect(list.statusCode).toBe(200);
    const create = await t.app.inject({
      method: 'POST',
      url: `/api/v1/properties/${propertyId}/room-types`,
      headers: r.headers,
      payload: { name: 'Nope', capacity: 1, nightlyPrice: 1, roomCount: 1 },
    });
    expect(create.statusCode).toBe(403);
  });
});
