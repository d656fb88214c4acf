import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName, type TestDatabase } from '../../../../test/support/db.ts';
import { apply, csv, fixture, newOrg, outcomesOf, readItems } from './apply-test-helpers.ts';
import { getGuest } from '../../guests/index.ts';

const AIRBNB =
  'Confirmation code,Status,Guest name,Contact,# of adults,# of children,# of infants,Start date,End date,# of nights,Booked,Listing,Earnings';
const inDays = (n: number) => {
  const d = new Date(Date.now() + n * 86_400_000);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
};

describe(`applying booking exports (${engineName})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  const bookingsOf = (ctx: Awaited<ReturnType<typeof newOrg>>['ctx']) =>
    ctx.db
      .selectFrom('booking')
      .innerJoin('roomType', 'roomType.id', 'booking.roomTypeId')
      .select([
        'booking.id',
        'booking.externalRef',
        'booking.customerId',
        'booking.status',
        'booking.source',
        'booking.adults',
        'booking.children',
        'booking.total',
        'roomType.name as roomType',
      ])
      .orderBy('booking.externalRef')
      .execute();

  it('MotoPress: several rows are one booking, Full Guest Name is the stay guest; a second import adds nothing', async () => {
    const { ctx } = await newOrg(t.database, 'MotoPress');
    const items = await readItems(fixture('motopress-bookings.csv'));
    const r = await apply(ctx, items);
    expect(outcomesOf(r)).toEqual(['1:created', '2:unchanged', '3:created']);
    expect(r.bookings).toEqual({ created: 2, existing: 0 });
    expect(r.roomTypesCreated.sort()).toEqual(['Double Room']);
    const bookings = await bookingsOf(ctx);
    expect(bookings).toMatchObject([
      { externalRef: '1201', source: 'import', adults: 4, children: 2, total: 750, roomType: 'Double Room' },
      { externalRef: '1202', source: 'import', adults: 1, children: 0, total: 200, roomType: 'Double Room' },
    ]);
    const carmen = bookings[0]!.customerId!;
    expect(r.outcomes[0]!.guestId).toBe(carmen);
    const party = await ctx.db
      .selectFrom('bookingGuest')
      .innerJoin('guest', 'guest.id', 'bookingGuest.guestId')
      .select(['bookingGuest.role', 'guest.firstName', 'guest.lastName'])
      .where('bookingGuest.bookingId', '=', bookings[0]!.id)
      .orderBy('bookingGuest.position')
      .execute();
    // Carmen is the first room's stay guest too (not a second profile); Luis gets his own (I-4).
    expect(party).toEqual([
      { role: 'customer', firstName: 'Carmen', lastName: 'Ortega Vidal' },
      { role: 'stay', firstName: 'Luis', lastName: 'Ortega Vidal' },
    ]);
    // The unknown room type is created inactive with no rooms; the past stays took no night.
    const rt = await ctx.db
      .selectFrom('roomType')
      .selectAll()
      .where('name', '=', 'Double Room')
      .executeTakeFirstOrThrow();
    expect(rt).toMatchObject({ active: false, roomCount: 0 });
    const nights = await ctx.db.selectFrom('roomNight').select('booked').where('booked', '>', 0).execute();
    expect(nights).toEqual([]);
    expect((await getGuest(ctx, carmen)).bookingCount).toBe(1);

    const guests = await ctx.db.selectFrom('guest').select('id').execute();
    const history = await ctx.db.selectFrom('guestHistory').select('id').execute();
    const again = await apply(ctx, await readItems(fixture('motopress-bookings.csv')));
    expect(outcomesOf(again)).toEqual(['1:unchanged', '2:unchanged', '3:unchanged']);
    expect(again.bookings).toEqual({ created: 0, existing: 2 });
    expect(again.roomTypesCreated).toEqual([]);
    expect(await bookingsOf(ctx)).toHaveLength(2);
    expect(await ctx.db.selectFrom('guest').select('id').execute()).toHaveLength(guests.length);
    expect(await ctx.db.selectFrom('guestHistory').select('id').execute()).toHaveLength(history.length);
  });

  it.each(['en', 'es', 'fr'])(
    'Booking.com (%s): customers without e-mail, stay guests, re-import idempotent',
    async (lang) => {
      const { ctx } = await newOrg(t.database, `Booking ${lang}`);
      const r = await apply(ctx, await readItems(fixture(`booking-com-${lang}.xlsx`)));
      expect(r.outcomes.every((o) => o.outcome === 'created')).toBe(true);
      expect(r.bookings.created).toBeGreaterThanOrEqual(2);
      const bookings = await bookingsOf(ctx);
      const lucia = bookings.find((b) => b.externalRef === '4012345678')!;
      expect(await getGuest(ctx, lucia.customerId!)).toMatchObject({
        firstName: 'Lucía',
        lastName: 'García Pérez',
        phone: '+34612345685',
      });
      const party = await ctx.db.selectFrom('bookingGuest').select('role').where('bookingId', '=', lucia.id).execute();
      expect(party.map((p) => p.role).sort()).toEqual(['customer', 'stay']);
      const guests = (await ctx.db.selectFrom('guest').select('id').execute()).length;
      const again = await apply(ctx, await readItems(fixture(`booking-com-${lang}.xlsx`)));
      expect(again.outcomes.every((o) => o.outcome === 'unchanged')).toBe(true);
      expect(again.bookings.created).toBe(0);
      expect((await ctx.db.selectFrom('guest').select('id').execute()).length).toBe(guests);
    },
  );

  it('Airbnb: a single guest name and a phone; the listing becomes a room type', async () => {
    const { ctx } = await newOrg(t.database, 'Airbnb');
    const r = await apply(ctx, await readItems(fixture('airbnb.csv')));
    expect(outcomesOf(r)).toEqual(['1:created', '2:created']);
    expect(r.roomTypesCreated).toEqual(['Sea View Loft']);
    const bookings = await bookingsOf(ctx);
    expect(bookings).toMatchObject([
      { externalRef: 'HMABCD1234', total: 640, status: 'checked_out' },
      { externalRef: 'HMEFGH5678', total: 300, status: 'checked_out' },
    ]);
    const again = await apply(ctx, await readItems(fixture('airbnb.csv')));
    expect(outcomesOf(again)).toEqual(['1:unchanged', '2:unchanged']);
    expect(await bookingsOf(ctx)).toHaveLength(2);
  });

  it('a booking without dates is not made, its customer is imported with the reason on the record', async () => {
    const { ctx } = await newOrg(t.database, 'No dates');
    const lines = [
      AIRBNB,
      'HMNODATE01,Confirmed,Nora Nodate,+34 612 345 692,2,0,0,,,2,2026-05-02,Sea View Loft,€200.00',
    ];
    const r = await apply(ctx, await readItems(csv(lines)));
    expect(outcomesOf(r)).toEqual(['1:created']);
    expect(r.outcomes[0]!.problems).toMatchObject([{ record: 1, code: 'booking_dates_missing' }]);
    expect(r.bookings).toEqual({ created: 0, existing: 0 });
    expect(await bookingsOf(ctx)).toEqual([]);
  });

  it('a future booking takes its room, a cancelled one keeps its status and takes none', async () => {
    const { ctx, propertyId } = await newOrg(t.database, 'Future');
    await ctx.db
      .insertInto('roomType')
      .values({
        orgId: ctx.orgId,
        id: 'rmt_future1',
        propertyId,
        name: 'Sea View Loft',
        capacity: 2,
        nightlyPrice: 100,
        roomCount: 1,
      })
      .execute();
    const lines = [
      AIRBNB,
      `HMFUT00001,Confirmed,Rita Future,+34 612 345 690,2,0,0,${inDays(10)},${inDays(12)},2,2026-05-02,Sea View Loft,€200.00`,
      `HMFUT00002,Canceled,Carl Cancel,+34 612 345 691,1,0,0,${inDays(10)},${inDays(12)},2,2026-05-02,Sea View Loft,€0.00`,
    ];
    const r = await apply(ctx, await readItems(csv(lines)));
    expect(r.roomTypesCreated).toEqual([]);
    expect(r.bookings.created).toBe(2);
    const bookings = await bookingsOf(ctx);
    expect(bookings.map((b) => [b.externalRef, b.status])).toEqual([
      ['HMFUT00001', 'confirmed'],
      ['HMFUT00002', 'cancelled'],
    ]);
    const nights = await ctx.db.selectFrom('roomNight').select(['night', 'booked']).where('booked', '>', 0).execute();
    expect(nights.map((n) => n.booked)).toEqual([1, 1]);
  });
});
