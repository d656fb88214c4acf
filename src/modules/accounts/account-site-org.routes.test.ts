import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

/**
 * Issue 11 #23: the customer area belongs to the organisation of the site it is reached on, like
 * the booking site — registering on hotel B's address never makes an account at hotel A.
 */
describe(`customer area per organisation (${engineName})`, () => {
  let t: TestApp;
  let orgB: string;
  let propertyA: string;

  beforeAll(async () => {
    t = await createTestApp();
    const a = await t.login();
    ({ propertyId: propertyA } = await t.addRoomType(a, {
      name: 'A room',
      capacity: 2,
      nightlyPrice: 80,
      roomCount: 3,
    }));
    const b = await t.createOrg('Hotel B');
    orgB = b.orgId;
    const bSession = await t.login(b.email, b.password);
    const put = (headers: Record<string, string>, hosts: string[]) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/settings/booking-site',
        headers,
        payload: { hosts, maxRoomsPerCheckout: 5 },
      });
    expect((await put(a.headers, ['book.hotel-a.test'])).statusCode).toBe(200);
    expect((await put(bSession.headers, ['book.hotel-b.test'])).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const register = (host: string, email: string, extra: Record<string, unknown> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/account/register',
      headers: { host },
      payload: { email, firstName: 'Eva', lastName: 'Nilsson', ...extra },
    });
  const orgOf = async (email: string) =>
    (
      await t.database.system
        .selectFrom('customerAccount')
        .select('orgId')
        .where('username', '=', email)
        .executeTakeFirst()
    )?.orgId;

  it("registers on each hotel's own address into that hotel", async () => {
    expect((await register('book.hotel-b.test', 'eva.b@example.com')).statusCode).toBe(201);
    expect(await orgOf('eva.b@example.com')).toBe(orgB);
    expect((await register('book.hotel-a.test', 'eva.a@example.com')).statusCode).toBe(201);
    expect(await orgOf('eva.a@example.com')).toBe(t.orgId);
  });

  it("refuses another hotel's property on a hotel's address, and an unknown address without a property", async () => {
    const cross = await register('book.hotel-b.test', 'eva.x@example.com', { propertyId: propertyA });
    expect(cross.statusCode, cross.body).toBe(400);
    expect(cross.json().error.code).toBe('unknown_property');
    const unknown = await register('localhost', 'eva.y@example.com');
    expect(unknown.statusCode, unknown.body).toBe(404);
    expect(unknown.json().error.code).toBe('site_not_found');
    expect(await orgOf('eva.x@example.com')).toBeUndefined();
    expect(await orgOf('eva.y@example.com')).toBeUndefined();
  });
});
