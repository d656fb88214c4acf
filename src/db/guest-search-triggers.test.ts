import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/support/app.ts';
import { engineName } from '../../test/support/db.ts';
import { searchIndexDrift } from '../../test/support/search-index.ts';

describe(`guest search index kept by the triggers (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    orgId = t.orgId;
  });
  afterAll(() => t.close());

  const post = (url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url, headers: s.headers, payload });
  const patch = (url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url, headers: s.headers, payload });
  const find = async (q: string) =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/guests?q=${encodeURIComponent(q)}`,
        headers: { cookie: s.cookie },
      })
    )
      .json()
      .items.map((g: { id: string }) => g.id);

  it('gives new, edited and batch-created guests exactly the tokens of their names and e-mails', async () => {
    const one = (
      await post('/api/v1/guests', {
        firstName: 'Ibón',
        lastName: 'Etxeberria-Zubiri',
        emails: [
          { email: 'ibon.primary@example.com', primary: true },
          { email: 'second.box@example.org', primary: false },
        ],
      })
    ).json();
    const none = (await post('/api/v1/guests', { firstName: 'Walk', lastName: 'In' })).json();
    const edited = (
      await post('/api/v1/guests', { firstName: 'Old', lastName: 'Name', email: 'old@example.com' })
    ).json();
    expect(
      (await patch(`/api/v1/guests/${edited.id}`, { firstName: 'Renée', email: 'renee@example.com' })).statusCode,
    ).toBe(200);
    const { roomTypeId } = await t.addRoomType(s, { name: 'Twin', capacity: 2, nightlyPrice: 80, roomCount: 5 });
    const batch = await post('/api/v1/bookings/batch', {
      bookings: ['Amaia Goikoetxea', 'Zoé Lefèvre'].map((name, k) => ({
        source: 'import',
        roomTypeId,
        checkIn: '2029-01-01',
        checkOut: '2029-01-02',
        customer: { firstName: name.split(' ')[0], lastName: name.split(' ')[1], email: `batch.${k}@example.com` },
      })),
    });
    expect(batch.json().created).toBe(2);
    expect(await searchIndexDrift(t.database.system, orgId)).toEqual({ tokens: 0, missing: 0, extra: 0 });
    expect(await find('etxeberria')).toContain(one.id);
    expect(await find('second.box')).toContain(one.id);
    expect(await find('walk in')).toContain(none.id);
    expect(await find('renee')).toContain(edited.id);
    expect(await find('goikoetxea')).toHaveLength(1);
    // The PATCHed primary e-mail replaced the old one, in the index too.
    expect(await find('old@example.com')).not.toContain(edited.id);
  });
});
