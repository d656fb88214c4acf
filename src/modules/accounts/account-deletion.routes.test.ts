import { describe, expect, it } from 'vitest';
import { signedInCustomer, type CustomerLogin } from '../../../test/support/accounts.ts';
import { useAppWithRoomType } from '../../../test/support/app-setup.ts';
import { engineName } from '../../../test/support/db.ts';

const PASSWORD = 'customer-password-1';

/** Issue 12 point 1: "Delete my account" in the customer area. */
describe(`a customer deletes their own account (${engineName})`, () => {
  const setup = useAppWithRoomType(50);

  const del = (c: Pick<CustomerLogin, 'headers'> | { headers: Record<string, string> }, password = PASSWORD) =>
    setup.t.app.inject({ method: 'POST', url: '/api/v1/account/delete', headers: c.headers, payload: { password } });
  const book = async (customer: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const res = await setup.t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: setup.s.headers,
      payload: { checkIn: '2027-05-01', checkOut: '2027-05-04', roomTypeId: setup.roomTypeId, customer, ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; reference: string }>();
  };
  const toPast = (id: string) =>
    setup.t.database.system
      .updateTable('booking')
      .set({ checkIn: '2024-03-01', checkOut: '2024-03-04', status: 'checked_out' })
      .where('id', '=', id)
      .execute();
  const guestExists = async (id: string) =>
    Boolean(await setup.t.database.system.selectFrom('guest').select('id').where('id', '=', id).executeTakeFirst());
  const accountExists = async (id: string) =>
    Boolean(
      await setup.t.database.system.selectFrom('customerAccount').select('id').where('id', '=', id).executeTakeFirst(),
    );

  it('wrong password → 400 and nothing happens; right password → account, session and its profile erased', async () => {
    const c = await signedInCustomer(setup.t, 'leaving@example.com', { firstName: 'Lea', lastName: 'Ving' });
    const past = await book({ guestId: c.guestId }, { contactEmail: c.email });
    await toPast(past.id);
    const wrong = await del(c, 'not-my-password');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('wrong_password');
    expect(await accountExists(c.accountId)).toBe(true);
    const res = await del(c);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ profileErased: true, bookingsKept: 1, backupDays: 30 });
    expect(res.headers['set-cookie']).toEqual(expect.stringContaining('clientela_customer=;'));
    expect(await accountExists(c.accountId)).toBe(false);
    expect(await guestExists(c.guestId)).toBe(false);
    expect(
      (await setup.t.app.inject({ method: 'GET', url: '/api/v1/account/me', headers: c.headers })).statusCode,
    ).toBe(401);
    const booking = await setup.t.app.inject({
      method: 'GET',
      url: `/api/v1/bookings/${past.id}`,
      headers: setup.s.headers,
    });
    expect(booking.json()).toMatchObject({ customerId: null, customerName: '*****', checkIn: '2024-03-01' });
    const audit = await setup.t.database.system
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'account.deleted_by_customer')
      .where('entityId', '=', c.accountId)
      .executeTakeFirstOrThrow();
    expect(audit.actorType).toBe('customer');
    expect(audit.data).toMatchObject({ profileErased: true });
    expect(JSON.stringify(audit.data)).not.toContain('leaving@example.com');
  });

  it('is refused while one of the account’s bookings is upcoming, naming it', async () => {
    const c = await signedInCustomer(setup.t, 'booked@example.com', { firstName: 'Bo', lastName: 'Oked' });
    const b = await book({ guestId: c.guestId }, { contactEmail: c.email });
    const res = await del(c);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'account_has_upcoming_bookings',
      details: [
        {
          field: `bookings.${b.id}`,
          code: 'upcoming_booking',
          message: expect.stringContaining(`${b.reference} · 2027-05-01 → 2027-05-04`),
        },
      ],
    });
    expect(await accountExists(c.accountId)).toBe(true);
    expect(await guestExists(c.guestId)).toBe(true);
  });

  it('is refused without naming it when the hotel has a booking on the profile the account cannot see', async () => {
    const c = await signedInCustomer(setup.t, 'hidden@example.com', { firstName: 'Hid', lastName: 'Den' });
    await book({ guestId: c.guestId }, { contactEmail: 'someone.else@example.com' });
    const res = await del(c);
    expect(res.statusCode).toBe(409);
    const { error } = res.json();
    expect(error.code).toBe('account_has_upcoming_bookings');
    expect(error.details).toEqual([expect.objectContaining({ code: 'upcoming_booking_at_hotel' })]);
    expect(res.body).not.toContain('bkg_');
    expect(await accountExists(c.accountId)).toBe(true);
  });

  it('keeps a profile not linked through the verified e-mail: only the account goes', async () => {
    const c = await signedInCustomer(setup.t, 'legacy@example.com', { firstName: 'Leg', lastName: 'Acy' });
    // An old link (before the verified-e-mail rule) to a profile whose primary e-mail is someone else's.
    await setup.t.database.system
      .updateTable('customerAccount')
      .set({ ownsProfile: false })
      .where('id', '=', c.accountId)
      .execute();
    await setup.t.database.system
      .updateTable('guest')
      .set({ email: 'hotel.knows@example.com' })
      .where('id', '=', c.guestId)
      .execute();
    const res = await del(c);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ profileErased: false, bookingsKept: 0 });
    expect(await accountExists(c.accountId)).toBe(false);
    const profile = await setup.t.database.system
      .selectFrom('guest')
      .select(['userId', 'username'])
      .where('id', '=', c.guestId)
      .executeTakeFirstOrThrow();
    expect(profile).toEqual({ userId: null, username: null });
  });

  it('another customer’s session, a staff session, no session or no CSRF token cannot delete anyone', async () => {
    const anna = await signedInCustomer(setup.t, 'anna.keep@example.com', { firstName: 'Anna' });
    const mallory = await signedInCustomer(setup.t, 'mallory@example.com', { firstName: 'Mallory' });
    // Mallory's session with Anna's password: Mallory's own password is checked, Anna is untouched.
    const res = await del(mallory, PASSWORD.replace('1', '2'));
    expect(res.statusCode).toBe(400);
    expect(await accountExists(anna.accountId)).toBe(true);
    expect((await del({ headers: {} })).statusCode).toBe(401);
    expect((await del({ headers: setup.s.headers })).statusCode).toBe(401);
    expect((await del({ headers: { cookie: anna.cookie } })).statusCode).toBe(403);
    expect((await del({ headers: { cookie: anna.cookie, 'x-csrf-token': mallory.csrfToken } })).statusCode).toBe(403);
    for (const payload of [
      {},
      { password: 'x'.repeat(10_000) },
      { password: 'a\u0000b' },
      { password: PASSWORD, guestId: anna.guestId },
    ]) {
      const r = await setup.t.app.inject({
        method: 'POST',
        url: '/api/v1/account/delete',
        headers: mallory.headers,
        payload,
      });
      expect(r.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
    }
    // Mallory deleting her own account does not touch Anna's.
    expect((await del(mallory)).statusCode).toBe(200);
    expect(await accountExists(anna.accountId)).toBe(true);
    expect(await guestExists(anna.guestId)).toBe(true);
    expect(
      (await setup.t.app.inject({ method: 'GET', url: '/api/v1/account/me', headers: anna.headers })).statusCode,
    ).toBe(200);
  });
});
