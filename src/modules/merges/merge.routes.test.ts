import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

type Json = Record<string, unknown>;
type History = { id: string; field: string }[];

describe(`merging guest profiles and undoing a merge (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    await t.addRoomType(s, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 500 });
    for (let i = 1; i <= 10; i++) await call('POST', '/api/v1/tags', { name: `Tag ${i}` }, 201);
  });
  afterAll(() => t.close());

  async function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, status?: number, who = s) {
    const res = await t.app.inject({
      method,
      url,
      headers: method === 'GET' ? { cookie: who.cookie } : who.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (status) expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res;
  }
  const guest = async (body: Json) => (await call('POST', '/api/v1/guests', body, 201)).json<Json & { id: string }>();
  const book = async (customerId: string, stayIds: string[] = [], total = 200) =>
    (
      await call(
        'POST',
        '/api/v1/bookings',
        {
          source: 'api',
          externalRef: `M-${++n}`,
          checkIn: '2027-05-01',
          checkOut: '2027-05-03',
          roomTypeName: 'double',
          total,
          customer: { guestId: customerId },
          guests: stayIds.map((guestId) => ({ guestId })),
        },
        201,
      )
    ).json<Json & { id: string; customerId: string }>();
  const note = async (guestId: string, body: string) => call('POST', `/api/v1/guests/${guestId}/notes`, { body }, 201);
  /** Everything staff see of a profile: the profile, its bookings, notes and history. */
  const everything = async (id: string) => ({
    guest: (await call('GET', `/api/v1/guests/${id}`, undefined, 200)).json<Json>(),
    bookings: (await call('GET', `/api/v1/bookings?guestId=${id}&limit=100`, undefined, 200)).json<{ items: Json[] }>()
      .items,
    notes: (await call('GET', `/api/v1/guests/${id}/notes`, undefined, 200)).json<{ items: Json[] }>().items,
    history: (await call('GET', `/api/v1/guests/${id}/history?limit=200`, undefined, 200)).json<{ items: History }>()
      .items,
  });
  const merge = async (body: Json, status = 201) => call('POST', '/api/v1/guests/merge', body, status);
  const undo = async (id: string, status = 200) => call('POST', `/api/v1/merges/${id}/undo`, undefined, status);
  const search = async (q: string) =>
    (await call('GET', `/api/v1/guests?q=${encodeURIComponent(q)}`, undefined, 200))
      .json<{ items: { id: string }[] }>()
      .items.map((g) => g.id);

  it('merges three profiles and an undo restores all three exactly', async () => {
    const a = await guest({
      firstName: 'José',
      lastName: 'García',
      email: 'jose@example.com',
      phone: '+34 612 345 678',
      tags: ['Tag 1'],
      addresses: [{ street: 'Calle Mayor 1', city: 'Madrid', country: 'ES' }],
    });
    const b = await guest({
      firstName: 'Pepe',
      lastName: 'Garcia Lopez',
      emails: [{ email: 'pepe@example.com' }, { email: 'jose@example.com' }],
      birthDate: '1980-02-03',
      tags: ['Tag 2'],
      addresses: [{ street: 'Rue Haute 3', city: 'Lyon', country: 'FR' }],
      document: { type: 'passport', number: 'X123', issuingCountry: 'ES' },
    });
    const c = await guest({ firstName: 'J.', lastName: 'Garcíaz', phone: '+34 699 000 111', marketingConsent: true });
    const b1 = await book(a.id, [b.id]);
    const b2 = await book(b.id, [], 350);
    const b3 = await book(c.id, [a.id], 120);
    await note(b.id, 'Prefers a quiet room');
    await note(c.id, 'Allergic to feathers');
    const before = { a: await everything(a.id), b: await everything(b.id), c: await everything(c.id) };

    const res = await merge({ guestIds: [a.id, b.id, c.id], survivorId: a.id, choices: { lastName: b.id } });
    const { merge: m, guest: merged } = res.json();
    expect(m).toMatchObject({
      survivorId: a.id,
      mergedIds: [b.id, c.id],
      mergedNames: ['Pepe Garcia Lopez', 'J. Garcíaz'],
    });
    expect(m.createdBy).toMatchObject({ type: 'staff', name: expect.any(String) });
    expect(merged).toMatchObject({
      id: a.id,
      firstName: 'José',
      lastName: 'Garcia Lopez',
      birthDate: '1980-02-03',
      email: 'jose@example.com',
      document: { type: 'passport', number: '****' }, // masked for everyone (SPEC P-5); 4 characters show nothing
      bookingCount: 3,
      revenue: 670,
      tags: ['Tag 1', 'Tag 2'],
    });
    expect(merged.emails.map((e: Json) => [e.email, e.primary])).toEqual([
      ['jose@example.com', true],
      ['pepe@example.com', false],
    ]);
    expect(merged.phones).toHaveLength(2);
    expect(merged.addresses).toHaveLength(2);
    const gone = await call('GET', `/api/v1/guests/${b.id}`, undefined, 404);
    expect(gone.json().error).toMatchObject({
      code: 'guest_merged',
      details: [{ field: 'survivorId', message: a.id }],
    });
    const bookingsNow = (await everything(a.id)).bookings.map((x: Json) => x.id);
    expect(new Set(bookingsNow)).toEqual(new Set([b1.id, b2.id, b3.id]));
    const historyNow = (await everything(a.id)).history;
    expect(historyNow.map((h) => h.field)).toEqual(expect.arrayContaining(['merged', 'lastName', 'emails']));
    expect(await search('Garcíaz')).not.toContain(c.id);
    const listed = (await call('GET', `/api/v1/merges?guestId=${c.id}`, undefined, 200)).json();
    expect(listed.items.map((x: Json) => x.id)).toEqual([m.id]);

    const undone = await undo(m.id);
    expect(undone.json().merge.undoneAt).not.toBeNull();
    expect(undone.json().guests.map((g: Json) => g.id)).toEqual([a.id, b.id, c.id]);
    const after = { a: await everything(a.id), b: await everything(b.id), c: await everything(c.id) };
    // The merged-away profiles come back exactly: profile, bookings, notes and history.
    expect(after.b).toEqual(before.b);
    expect(after.c).toEqual(before.c);
    // The survivor too, except updatedAt (it was written twice) and its own history, which keeps
    // the merge and undo entries on top of everything it had (history is append-only).
    expect({ ...after.a.guest, updatedAt: null }).toEqual({ ...before.a.guest, updatedAt: null });
    expect(after.a.bookings).toEqual(before.a.bookings);
    expect(after.a.notes).toEqual(before.a.notes);
    const known = new Set(before.a.history.map((h) => h.id));
    expect(after.a.history.filter((h) => known.has(h.id))).toEqual(before.a.history);
    expect(after.a.history.filter((h) => !known.has(h.id)).map((h) => h.field)).toEqual(
      expect.arrayContaining(['unmerged', 'merged', 'lastName']),
    );
    expect(await search('Garcíaz')).toContain(c.id);
    expect(await search('pepe')).toContain(b.id);
    await undo(m.id, 409).then((r) => expect(r.json().error.code).toBe('merge_already_undone'));
  });

  it('previews conflicts, the result and the tags dropped at the cap, saving nothing', async () => {
    const a = await guest({ firstName: 'Anna', lastName: 'Berg', tags: ['Tag 1', 'Tag 2', 'Tag 3', 'Tag 4', 'Tag 5'] });
    const b = await guest({
      firstName: 'Anna',
      lastName: 'Bergström',
      email: 'anna@example.se',
      tags: ['Tag 5', 'Tag 6', 'Tag 7', 'Tag 8', 'Tag 9', 'Tag 10'],
    });
    await note(b.id, 'VIP');
    const res = await call('POST', '/api/v1/guests/merge/preview', { guestIds: [b.id, a.id], survivorId: a.id }, 200);
    const p = res.json();
    expect(p.guests.map((g: Json) => g.id)).toEqual([b.id, a.id]);
    const field = (f: string) => p.fields.find((x: Json) => x.field === f);
    expect(field('lastName')).toMatchObject({ conflict: true, chosenGuestId: a.id });
    expect(field('firstName')).toMatchObject({ conflict: false });
    expect(p.result).toMatchObject({ id: a.id, lastName: 'Berg', email: 'anna@example.se' });
    expect(p.result.tags).toEqual(['Tag 1', 'Tag 2', 'Tag 3', 'Tag 4', 'Tag 5', 'Tag 6', 'Tag 7', 'Tag 8', 'Tag 9']);
    expect(p.moves).toMatchObject({ notes: 1, emails: 1, droppedTags: ['Tag 10'] });
    await call('GET', `/api/v1/guests/${b.id}`, undefined, 200);
    expect((await call('GET', `/api/v1/guests/${a.id}`, undefined, 200)).json().email).toBeNull();
    expect((await call('GET', `/api/v1/merges?guestId=${a.id}`, undefined, 200)).json().items).toEqual([]);
  });

  it('applies the chosen values and records each changed field in the survivor history', async () => {
    const a = await guest({ firstName: 'Ben', lastName: 'Hemm', language: 'en', marketingConsent: false });
    const b = await guest({ firstName: 'Benjamin', lastName: 'Hemm', language: 'fr', marketingConsent: true });
    const res = await merge({
      guestIds: [a.id, b.id],
      survivorId: a.id,
      choices: { firstName: b.id, marketingConsent: b.id },
    });
    expect(res.json().guest).toMatchObject({ firstName: 'Benjamin', language: 'en', marketingConsent: true });
    expect(res.json().merge.choices).toMatchObject({ firstName: b.id, language: a.id, marketingConsent: b.id });
    const history = (await everything(a.id)).history as unknown as Json[];
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'firstName', oldValue: 'Ben', newValue: 'Benjamin' }),
        expect.objectContaining({ field: 'marketingConsent', oldValue: false, newValue: true }),
        expect.objectContaining({ field: 'merged' }),
      ]),
    );
  });

  it('leaves with the survivor on undo what arrived after the merge', async () => {
    const a = await guest({ firstName: 'Clara', lastName: 'Sol', email: 'clara@example.com' });
    const b = await guest({ firstName: 'Clara', lastName: 'Sol', email: 'clara.sol@example.com' });
    const old = await book(b.id);
    await note(b.id, 'Old note');
    const before = await everything(b.id);
    const m = (await merge({ guestIds: [a.id, b.id], survivorId: a.id })).json().merge;
    // A booking for the old id lands on the survivor; staff add a note and an e-mail.
    const later = await book(b.id);
    expect(later.customerId).toBe(a.id);
    await note(a.id, 'Later note');
    const current = (await call('GET', `/api/v1/guests/${a.id}`, undefined, 200)).json();
    await call(
      'PATCH',
      `/api/v1/guests/${a.id}`,
      { emails: [...current.emails.map((e: Json) => ({ email: e.email })), { email: 'new@example.com' }] },
      200,
    );
    await undo(m.id);
    const survivor = await everything(a.id);
    expect(survivor.bookings.map((x: Json) => x.id)).toEqual([later.id]);
    expect(survivor.notes.map((x: Json) => x.body)).toEqual(['Later note']);
    expect(survivor.guest.emails).toEqual([
      { email: 'clara@example.com', primary: true, label: null },
      { email: 'new@example.com', primary: false, label: null },
    ]);
    expect(survivor.guest).toMatchObject({ bookingCount: 1, email: 'clara@example.com' });
    const restored = await everything(b.id);
    expect(restored.bookings.map((x: Json) => x.id)).toEqual([old.id]);
    expect(restored).toEqual(before);
  });

  it('refuses to merge two profiles that both have a customer account', async () => {
    const a = await guest({ firstName: 'Dan', lastName: 'Roe' });
    const b = await guest({ firstName: 'Dan', lastName: 'Roe' });
    const db = t.database.forOrg(t.orgId);
    await db
      .updateTable('guest')
      .set({ userId: 'acc_1', username: 'dan1@example.com' })
      .where('id', '=', a.id)
      .execute();
    await db
      .updateTable('guest')
      .set({ userId: 'acc_2', username: 'dan2@example.com' })
      .where('id', '=', b.id)
      .execute();
    const res = await merge({ guestIds: [a.id, b.id], survivorId: a.id }, 409);
    expect(res.json().error.code).toBe('two_accounts');
    await call('GET', `/api/v1/guests/${b.id}`, undefined, 200);
  });

  it('refuses bad input with the field named and saves nothing', async () => {
    const a = await guest({ firstName: 'Eva', lastName: 'Lind' });
    const b = await guest({ firstName: 'Eva', lastName: 'Lind' });
    const cases: [Json, number, string][] = [
      [{ guestIds: [a.id], survivorId: a.id }, 400, 'guestIds'],
      [{ guestIds: [a.id, a.id], survivorId: a.id }, 400, 'guestIds'],
      [{ guestIds: [a.id, b.id], survivorId: 'gst_other' }, 400, 'survivorId'],
      [{ guestIds: [a.id, b.id], survivorId: a.id, choices: { firstName: 'gst_x' } }, 400, 'choices.firstName'],
      [{ guestIds: [a.id, b.id], survivorId: a.id, choices: { email: a.id } }, 400, 'choices'],
      [{ guestIds: [a.id, 'gst_unknown'], survivorId: a.id }, 404, 'guestIds.1'],
    ];
    for (const [body, status, field] of cases) {
      for (const url of ['/api/v1/guests/merge', '/api/v1/guests/merge/preview']) {
        const res = await call('POST', url, body, status);
        const fields = res.json().error.details.map((d: Json) => String(d.field));
        expect(
          fields.some((f: string) => f.startsWith(field)),
          `${JSON.stringify(body)} → ${res.body}`,
        ).toBe(true);
      }
    }
    await call('GET', `/api/v1/guests/${b.id}`, undefined, 200);
    expect((await call('GET', `/api/v1/merges?guestId=${a.id}`, undefined, 200)).json().items).toEqual([]);
    await call('GET', '/api/v1/merges/mrg_unknown', undefined, 404);
    await undo('mrg_unknown', 404);
  });

  it("keeps organisations apart: another organisation cannot merge, read or undo this one's", async () => {
    const a = await guest({ firstName: 'Fay', lastName: 'Moss' });
    const b = await guest({ firstName: 'Fay', lastName: 'Moss' });
    const other = await t.createOrg('Other hotel');
    const o = await t.login(other.email, other.password);
    const refused = await call('POST', '/api/v1/guests/merge', { guestIds: [a.id, b.id], survivorId: a.id }, 404, o);
    expect(refused.json().error.details[0].field).toBe('guestIds.0');
    const m = (await merge({ guestIds: [a.id, b.id], survivorId: a.id })).json().merge;
    await call('GET', `/api/v1/merges/${m.id}`, undefined, 404, o);
    await call('POST', `/api/v1/merges/${m.id}/undo`, undefined, 404, o);
    expect((await call('GET', '/api/v1/merges', undefined, 200, o)).json().items).toEqual([]);
    await call('GET', `/api/v1/guests/${b.id}`, undefined, 404, o).then((r) =>
      expect(r.json().error.code).toBe('guest_not_found'),
    );
  });
});
