import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

describe(`guest notes (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let guestId: string;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    guestId = (
      await t.app.inject({ method: 'POST', url: '/api/v1/guests', headers: owner.headers, payload: { firstName: 'N' } })
    ).json().id;
  });
  afterAll(() => t.close());

  const notesUrl = () => `/api/v1/guests/${guestId}/notes`;

  it('keeps notes with their author, newest first, and lets them be edited and deleted', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url: notesUrl(),
      headers: owner.headers,
      payload: { body: 'Prefers a quiet room' },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ body: 'Prefers a quiet room', author: { type: 'staff', name: 'Owner' } });
    const reception = await t.addStaff('reception');
    const r = await t.login(reception.email, reception.password);
    await t.app.inject({
      method: 'POST',
      url: notesUrl(),
      headers: r.headers,
      payload: { body: '  Allergic to feathers  ' },
    });

    const list = (await t.app.inject({ method: 'GET', url: notesUrl(), headers: owner.headers })).json().items;
    expect(list.map((n: { body: string }) => n.body)).toEqual(['Allergic to feathers', 'Prefers a quiet room']);
    expect(list[0].author).toMatchObject({ type: 'staff', name: expect.stringMatching(/^reception/) });

    const edited = await t.app.inject({
      method: 'PATCH',
      url: `${notesUrl()}/${first.json().id}`,
      headers: owner.headers,
      payload: { body: 'Prefers a quiet room, high floor' },
    });
    expect(edited.json()).toMatchObject({
      body: 'Prefers a quiet room, high floor',
      createdAt: first.json().createdAt,
    });
    const del = await t.app.inject({
      method: 'DELETE',
      url: `${notesUrl()}/${first.json().id}`,
      headers: owner.headers,
    });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: notesUrl(), headers: owner.headers })).json().items).toHaveLength(
      1,
    );
    const again = await t.app.inject({
      method: 'DELETE',
      url: `${notesUrl()}/${first.json().id}`,
      headers: owner.headers,
    });
    expect(again.json().error.code).toBe('note_not_found');
  });

  it('refuses an empty note', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: notesUrl(),
      headers: owner.headers,
      payload: { body: '   ' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toMatchObject([{ field: 'body' }]);
  });
});
