import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

const SITE = 'book.canned.test';

/** Issue 16 (M-2): canned replies per language, inserted in a thread's language with placeholders filled. */
describe(`canned replies (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let contactId: string;
  let ip = 0;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    await t.database.system.insertInto('siteHost').values({ orgId: t.orgId, host: SITE }).execute();
    const c = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hotel-contacts',
      headers: owner.headers,
      payload: { name: 'Reception', email: 'reception@canned.test' },
    });
    contactId = c.json<{ id: string }>().id;
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers = owner.headers) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const threadIn = async (language?: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/contact',
      headers: { host: SITE },
      remoteAddress: `192.0.2.${++ip}`,
      payload: {
        hotelContactId: contactId,
        firstName: 'Camille',
        lastName: `Durand${ip}`,
        email: `camille${ip}@example.org`,
        subject: 'Parking',
        message: 'Is there a car park?',
        ...(language ? { language } : {}),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ threadId: string }>().threadId;
  };

  it('creates, lists, edits and deletes canned replies', async () => {
    const created = await call('POST', '/api/v1/canned-replies', {
      title: 'Parking',
      bodies: {
        en: 'Hello {{guest.firstName}}, parking is free.',
        fr: 'Bonjour {{guest.firstName}}, le parking est gratuit.',
      },
      hotelContactId: contactId,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    const list = await call('GET', '/api/v1/canned-replies');
    expect(list.json<{ items: { id: string; title: string }[] }>().items.map((r) => r.title)).toEqual(['Parking']);
    const edited = await call('PATCH', `/api/v1/canned-replies/${id}`, { title: 'Car park' });
    expect(edited.json()).toMatchObject({ title: 'Car park', bodies: { fr: expect.stringContaining('gratuit') } });
    expect((await call('DELETE', `/api/v1/canned-replies/${id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/canned-replies/${id}`)).statusCode).toBe(404);
  });

  it('fills a reply in the thread’s language, else English, with the guest’s name', async () => {
    const id = (
      await call('POST', '/api/v1/canned-replies', {
        title: 'Welcome',
        bodies: {
          en: 'Dear {{guest.firstName}}, about “{{thread.subject}}” {{booking.reference}}{{unknown.key}}',
          fr: 'Chère {{ guest.firstName }} {{guest.lastName}}, bienvenue.',
        },
      })
    ).json<{ id: string }>().id;
    const fr = await call('GET', `/api/v1/canned-replies/${id}/for-thread/${await threadIn('fr')}`);
    expect(fr.json()).toEqual({ language: 'fr', body: `Chère Camille Durand${ip}, bienvenue.` });
    // Spanish has no body: English.
    const es = await call('GET', `/api/v1/canned-replies/${id}/for-thread/${await threadIn('es')}`);
    expect(es.json()).toEqual({ language: 'en', body: 'Dear Camille, about “Parking” {{unknown.key}}' });
  });

  it('guards the routes: credentials, scopes, other organisations, hostile input', async () => {
    const id = (
      await call('POST', '/api/v1/canned-replies', { title: 'Late check-out', bodies: { en: 'Sure.' } })
    ).json<{
      id: string;
    }>().id;
    const threadId = await threadIn();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/canned-replies' })).statusCode).toBe(401);
    const key = async (scopes: string[]) =>
      `Bearer ${
        (await call('POST', '/api/v1/api-keys', { name: 'Canned', scopes })).json<{ secret: string }>().secret
      }`;
    const reader = { authorization: await key(['threads:read']) };
    expect((await call('GET', '/api/v1/canned-replies', undefined, reader)).statusCode).toBe(200);
    expect((await call('POST', '/api/v1/canned-replies', { title: 'x', bodies: { en: 'y' } }, reader)).statusCode).toBe(
      403,
    );
    expect((await call('DELETE', `/api/v1/canned-replies/${id}`, undefined, reader)).statusCode).toBe(403);
    const guestsOnly = { authorization: await key(['guests:read']) };
    expect((await call('GET', '/api/v1/canned-replies', undefined, guestsOnly)).statusCode).toBe(403);

    const other = await t.createOrg('Other canned hotel');
    const otherOwner = await t.login(other.email, other.password);
    expect((await call('GET', '/api/v1/canned-replies', undefined, otherOwner.headers)).json().items).toEqual([]);
    for (const [method, url, payload] of [
      ['PATCH', `/api/v1/canned-replies/${id}`, { title: 'mine' }],
      ['DELETE', `/api/v1/canned-replies/${id}`, undefined],
      ['GET', `/api/v1/canned-replies/${id}/for-thread/${threadId}`, undefined],
    ] as const)
      expect((await call(method, url, payload, otherOwner.headers)).statusCode, `${method} ${url}`).toBe(404);

    for (const payload of [
      { title: 'No English', bodies: { fr: 'Bonjour' } },
      { title: 'Nul\u0000', bodies: { en: 'x' } },
      { title: 'Huge', bodies: { en: 'x'.repeat(10_001) } },
      { title: 'Other contact', bodies: { en: 'x' }, hotelContactId: 'hct_nope' },
      { title: 'Extra', bodies: { en: 'x', de: 'y' } },
      { title: '', bodies: { en: 'x' } },
    ]) {
      const res = await call('POST', '/api/v1/canned-replies', payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBeTruthy();
    }
    expect((await call('PATCH', `/api/v1/canned-replies/${id}`, {})).statusCode).toBe(400);
    expect((await call('GET', `/api/v1/canned-replies/${'x'.repeat(65)}/for-thread/${threadId}`)).statusCode).toBe(400);
  });
});
