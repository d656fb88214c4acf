import { describe, expect, it } from 'vitest';
import { customerBooker, useAppWithRoomType } from '../../../test/support/app-setup.ts';
import { engineName } from '../../../test/support/db.ts';

type Pair = { guestA: { id: string }; guestB: { id: string }; kind: string; score: number; status: string };

describe(`duplicates review queue and identity view (${engineName})`, () => {
  const setup = useAppWithRoomType(500);
  const book = customerBooker(setup, { prefix: 'D', checkIn: '2027-10-01', checkOut: '2027-10-02' });
  const list = async (query: string) => {
    const res = await setup.t.app.inject({
      method: 'GET',
      url: `/api/v1/duplicates${query}`,
      headers: { cookie: setup.s.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Pair[]; nextCursor: string | null }>();
  };
  const has = (items: Pair[], x: string, y: string) =>
    items.some((p) => [p.guestA.id, p.guestB.id].sort().join() === [x, y].sort().join());
  const dismiss = (guestIds: unknown) =>
    setup.t.app.inject({
      method: 'POST',
      url: '/api/v1/duplicates/dismiss',
      headers: setup.s.headers,
      payload: { guestIds },
    });

  it('lists Anna and Ben Hemm as related, with both guest summaries', async () => {
    const anna = await book({ firstName: 'Anna', lastName: 'Hemm', email: 'hemm@example.com' });
    const ben = await book({ firstName: 'Ben', lastName: 'Hemm', email: 'hemm@example.com' });
    const { items } = await list('?kind=related');
    const pair = items.find((p) => has([p], anna, ben));
    expect(pair).toMatchObject({ kind: 'related', status: 'open', rule: 'key_but_different_first_name' });
    const names = [pair!.guestA, pair!.guestB].map((g) => (g as unknown as { firstName: string }).firstName).sort();
    expect(names).toEqual(['Anna', 'Ben']);
    expect(pair!.guestA).toMatchObject({ lastName: 'Hemm', email: 'hemm@example.com', bookingCount: 1 });
    const view = (
      await setup.t.app.inject({
        method: 'GET',
        url: `/api/v1/guests/${anna}/identity`,
        headers: { cookie: setup.s.cookie },
      })
    ).json();
    expect(view.related).toEqual([expect.objectContaining({ id: ben, firstName: 'Ben', kind: 'related' })]);
  });

  it('lists candidate pairs best score first, page by page', async () => {
    await book({ firstName: 'Juan', lastName: 'Pérez' });
    await book({ firstName: 'JUAN', lastName: 'Perez' });
    await book({ firstName: 'Mateo', lastName: 'Ruiz', phone: '+34 699 111 222', birthDate: '1955-03-02' });
    await book({ firstName: 'Mateo', lastName: 'Ruiz', phone: '+34 699 111 222', birthDate: '1987-11-20' });
    const all = (await list('?kind=candidate')).items;
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.every((p) => p.kind === 'candidate')).toBe(true);
    const scores = all.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const paged: Pair[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Pair[]; nextCursor: string | null } = await list(
        `?kind=candidate&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it('dismisses a queued pair for good: a later booking of the same two people does not reopen it', async () => {
    const eva = await book({ firstName: 'Eva', lastName: 'Lind', email: 'lind@example.com' });
    const max = await book({ firstName: 'Max', lastName: 'Lind', email: 'lind@example.com' });
    expect(has((await list('')).items, eva, max)).toBe(true);
    const res = await dismiss([max, eva]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'dismissed', kind: 'related' });
    expect(await book({ firstName: 'Max', lastName: 'Lind', email: 'lind@example.com' })).toBe(max);
    expect(has((await list('')).items, eva, max)).toBe(false);
    expect(has((await list('?status=dismissed')).items, eva, max)).toBe(true);
  });

  it('dismisses a pair that was never queued, and later bookings leave it untouched', async () => {
    const carl = await book({ firstName: 'Carl', lastName: 'Moss', email: 'moss@example.com' });
    const dana = await book({ firstName: 'Dana', lastName: 'Moss', phone: '+44 7911 123456' });
    const res = await dismiss([carl, dana]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'dismissed', score: 0, rule: 'dismissed_by_staff' });
    // Dana again, now with Carl's e-mail: she is matched by phone and is related to Carl by e-mail.
    expect(
      await book({ firstName: 'Dana', lastName: 'Moss', phone: '+44 7911 123456', email: 'moss@example.com' }),
    ).toBe(dana);
    const row = await setup.t.database
      .forOrg(setup.t.orgId)
      .selectFrom('duplicateCandidate')
      .selectAll()
      .where('guestA', 'in', [carl, dana])
      .where('guestB', 'in', [carl, dana])
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'dismissed', score: 0, rule: 'dismissed_by_staff' });
    expect(has((await list('')).items, carl, dana)).toBe(false);
  });

  it('explains a profile: the rule that matched "JOSE GARCIA" and "José García López"', async () => {
    const a = await book({ firstName: 'JOSE', lastName: 'GARCIA', phone: '+34 612 345 678' });
    const b = await book({ firstName: 'José', lastName: 'García', secondLastName: 'López', phone: '0034612345678' });
    expect(b).toBe(a);
    const res = await setup.t.app.inject({
      method: 'GET',
      url: `/api/v1/guests/${a}/identity`,
      headers: { cookie: setup.s.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { decisions } = res.json<{ decisions: { outcome: string; rule: string; reasons: string[] }[] }>();
    expect(decisions.map((d) => d.outcome)).toEqual(['matched', 'created']);
    expect(decisions[0]).toMatchObject({ rule: 'key_and_compatible_name', source: 'api', role: 'customer' });
    expect(decisions[0]!.reasons.join(' ')).toMatch(/phone/);
    expect(decisions[1]!.rule).toBe('new_profile');
  });

  it('rejects bad input with the field named, and unknown guests with 404', async () => {
    const anna = (await list('?kind=related')).items[0]!.guestA.id;
    const same = await dismiss([anna, anna]);
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details[0].field).toBe('guestIds');
    const one = await dismiss([anna]);
    expect(one.statusCode).toBe(400);
    expect(one.json().error.details[0].field).toBe('guestIds');
    expect((await dismiss([anna, 'gst_nope'])).statusCode).toBe(404);
    const status = await setup.t.app.inject({
      method: 'GET',
      url: '/api/v1/duplicates?status=merged',
      headers: { cookie: setup.s.cookie },
    });
    expect(status.statusCode).toBe(400);
    expect(status.json().error.details[0].field).toBe('status');
    const cursor = await setup.t.app.inject({
      method: 'GET',
      url: '/api/v1/duplicates?cursor=zzz',
      headers: { cookie: setup.s.cookie },
    });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.details[0].field).toBe('cursor');
    const view = await setup.t.app.inject({
      method: 'GET',
      url: '/api/v1/guests/gst_nope/identity',
      headers: { cookie: setup.s.cookie },
    });
    expect(view.statusCode).toBe(404);
  });
});
