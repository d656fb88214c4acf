import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

describe(`guest KPIs (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    const guests = [
      { at: '2026-01-05T10:00:00Z', bookings: 0, revenue: 0, consent: true },
      { at: '2026-01-20T10:00:00Z', bookings: 3, revenue: 900, consent: false },
      { at: '2026-02-02T23:30:00Z', bookings: 1, revenue: 200, consent: true },
      { at: '2026-02-03T00:30:00Z', bookings: 2, revenue: 500, consent: false },
    ];
    for (const g of guests) {
      const { id } = (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/guests',
          headers: owner.headers,
          payload: { firstName: 'K', marketingConsent: g.consent },
        })
      ).json();
      await t.database.system
        .updateTable('guest')
        .set({ firstContactAt: new Date(g.at), bookingCount: g.bookings, revenue: g.revenue })
        .where('id', '=', id)
        .execute();
    }
  });
  afterAll(() => t.close());

  const kpis = (query: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/guests/kpis?${query}`, headers: owner.headers });

  it('answers the totals and new/total guests per day', async () => {
    const res = await kpis('from=2026-02-01&to=2026-02-04&interval=day');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      totals: {
        guests: 4,
        newInPeriod: 2,
        returningRate: 0.5,
        bookingsPerGuest: 1.5,
        revenuePerGuest: 400,
        consentRate: 0.5,
      },
      series: [
        { period: '2026-02-01', newGuests: 0, totalGuests: 2 },
        { period: '2026-02-02', newGuests: 1, totalGuests: 3 },
        { period: '2026-02-03', newGuests: 1, totalGuests: 4 },
        { period: '2026-02-04', newGuests: 0, totalGuests: 4 },
      ],
    });
  });

  it('groups the series by month and by week (weeks start on Monday)', async () => {
    const months = (await kpis('from=2025-12-15&to=2026-02-10&interval=month')).json();
    expect(months.series).toEqual([
      { period: '2025-12-01', newGuests: 0, totalGuests: 0 },
      { period: '2026-01-01', newGuests: 2, totalGuests: 2 },
      { period: '2026-02-01', newGuests: 2, totalGuests: 4 },
    ]);
    expect(months.totals.newInPeriod).toBe(4);
    const weeks = (await kpis('from=2026-01-01&to=2026-01-11&interval=week')).json();
    expect(weeks.series).toEqual([
      { period: '2025-12-29', newGuests: 0, totalGuests: 0 },
      { period: '2026-01-05', newGuests: 1, totalGuests: 1 },
    ]);
  });

  it('defaults to the last 30 days and refuses an upside-down or huge range', async () => {
    const res = (await kpis('')).json();
    expect(res.series).toHaveLength(30);
    expect(res.series.at(-1).period).toBe(new Date().toISOString().slice(0, 10));
    expect((await kpis('from=2026-03-01&to=2026-02-01')).json().error.details[0].field).toBe('from');
    expect((await kpis('from=2000-01-01&to=2026-01-01&interval=day')).json().error.code).toBe('range_too_large');
  });

  it('keeps the running totals right when guests change or are deleted', async () => {
    const extra = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/guests',
        headers: owner.headers,
        payload: { firstName: 'Extra', marketingConsent: true },
      })
    ).json();
    expect((await kpis('from=2026-02-01&to=2026-02-04')).json().totals).toMatchObject({ guests: 5, consentRate: 0.6 });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/guests/${extra.id}`,
      headers: owner.headers,
      payload: { marketingConsent: false },
    });
    expect((await kpis('from=2026-02-01&to=2026-02-04')).json().totals).toMatchObject({ guests: 5, consentRate: 0.4 });
    await t.app.inject({ method: 'DELETE', url: `/api/v1/guests/${extra.id}`, headers: owner.headers });
    const after = (await kpis('from=2026-02-01&to=2026-02-04')).json();
    expect(after.totals).toMatchObject({ guests: 4, returningRate: 0.5, consentRate: 0.5 });
    expect(after.series.at(-1)).toEqual({ period: '2026-02-04', newGuests: 0, totalGuests: 4 });
  });

  it('keeps the sharded counters equal to a recount when many writers create guests at once', async () => {
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/guests',
          headers: owner.headers,
          payload: { firstName: `Parallel${i}`, marketingConsent: i % 3 === 0 },
        }),
      ),
    );
    expect(created.map((r) => r.statusCode)).toEqual(created.map(() => 201));
    const db = t.database.forOrg(t.orgId);
    const recount = await db
      .selectFrom('guest')
      .select((eb) => [
        eb.fn.countAll<string>().as('guests'),
        eb.fn.count<string>('id').filterWhere('marketingConsent', '=', true).as('consenting'),
      ])
      .executeTakeFirstOrThrow();
    const counters = await db
      .selectFrom('guestKpiStats')
      .select((eb) => [eb.fn.sum<string>('guests').as('guests'), eb.fn.sum<string>('consenting').as('consenting')])
      .executeTakeFirstOrThrow();
    const count = await db
      .selectFrom('guestStats')
      .select((eb) => eb.fn.sum<string>('guestCount').as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(counters.guests)).toBe(Number(recount.guests));
    expect(Number(counters.consenting)).toBe(Number(recount.consenting));
    expect(Number(count.n)).toBe(Number(recount.guests));
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/guests?limit=1',
      headers: { cookie: owner.cookie },
    });
    expect(list.json<{ total: number }>().total).toBe(Number(recount.guests));
  });
});
