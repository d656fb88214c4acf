import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

describe(`bulk tag and group actions (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
  });
  afterAll(() => t.close());

  const createGuest = async (payload: Record<string, unknown>) =>
    (await t.app.inject({ method: 'POST', url: '/api/v1/guests', headers: owner.headers, payload })).json();
  const post = (url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: owner.headers, payload });
  const read = async (id: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}`, headers: owner.headers })).json();

  it('tags many guests at once, refusing only the one that would get a tenth tag', async () => {
    for (const name of ['Golf', 'Spa']) await post('/tags', { name });
    const eight = ['Friends & Family', 'Business', 'Influencer', 'Local', 'No-show', 'Problematic', 'Regular', 'Golf'];
    const full = await createGuest({ firstName: 'Full', tags: [...eight, 'VIP'] });
    const a = await createGuest({ firstName: 'A' });
    const b = await createGuest({ firstName: 'B', tags: ['VIP'] });

    const res = await post('/guests/bulk/tags', {
      guestIds: [full.id, a.id, b.id, 'gst_missing'],
      add: ['spa', 'VIP'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().updated).toBe(2);
    expect(res.json().refused).toEqual(
      expect.arrayContaining([
        { guestId: full.id, reason: 'too_many_tags' },
        { guestId: 'gst_missing', reason: 'not_found' },
      ]),
    );
    expect((await read(a.id)).tags).toEqual(['Spa', 'VIP']);
    expect((await read(b.id)).tags).toEqual(['VIP', 'Spa']);
    expect((await read(full.id)).tags).toHaveLength(9);

    const history = (
      await t.app.inject({ method: 'GET', url: `/api/v1/guests/${b.id}/history`, headers: owner.headers })
    ).json();
    expect(history.items[0]).toMatchObject({
      field: 'tags',
      oldValue: ['VIP'],
      newValue: ['VIP', 'Spa'],
      actor: { name: 'Owner' },
    });
    const fullHistory = (
      await t.app.inject({ method: 'GET', url: `/api/v1/guests/${full.id}/history`, headers: owner.headers })
    ).json();
    expect(
      fullHistory.items.some((i: { field: string; oldValue: unknown }) => i.field === 'tags' && i.oldValue !== null),
    ).toBe(false);

    const removed = await post('/guests/bulk/tags', { guestIds: [a.id, b.id, full.id], remove: ['VIP'] });
    expect(removed.json()).toEqual({ updated: 3, refused: [] });
    expect((await read(b.id)).tags).toEqual(['Spa']);
  });

  it('refuses unknown tags and more than 1000 guests', async () => {
    const unknown = await post('/guests/bulk/tags', { guestIds: ['gst_x'], add: ['Sailing'] });
    expect(unknown.json().error).toMatchObject({ code: 'unknown_tag', details: [{ field: 'add' }] });
    const tooMany = await post('/guests/bulk/tags', {
      guestIds: Array.from({ length: 1001 }, (_, i) => `gst_${i}`),
      add: ['VIP'],
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details[0].field).toBe('guestIds');
  });

  it('adds and removes group memberships in bulk with history', async () => {
    const group = (await post('/groups', { name: 'Corporate' })).json();
    const a = await createGuest({ firstName: 'GA' });
    const b = await createGuest({ firstName: 'GB', groupIds: [group.id] });
    expect((await post('/guests/bulk/groups', { guestIds: [a.id, b.id], add: [group.id] })).json()).toEqual({
      updated: 1,
    });
    // Every guest is also in its default group (Visitor here, issue 11 point 22).
    const [visitor] = (await read(a.id)).groupIds as string[];
    expect((await read(a.id)).groupIds).toEqual([visitor, group.id]);
    const history = (
      await t.app.inject({ method: 'GET', url: `/api/v1/guests/${a.id}/history`, headers: owner.headers })
    ).json();
    expect(history.items[0]).toMatchObject({ field: 'groupIds', oldValue: [visitor], newValue: [visitor, group.id] });
    expect((await post('/guests/bulk/groups', { guestIds: [a.id, b.id], remove: [group.id] })).json()).toEqual({
      updated: 2,
    });
    const bad = await post('/guests/bulk/groups', { guestIds: [a.id], add: ['grp_nope'] });
    expect(bad.json().error).toMatchObject({ code: 'unknown_group', details: [{ field: 'add' }] });
  });
});
