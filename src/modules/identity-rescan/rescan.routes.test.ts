import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { runNextJob } from '../../jobs/queue.ts';
import { rescanJobHandlers } from './rescan.job.ts';

type Json = Record<string, unknown>;
type Rescan = {
  id: string;
  status: string;
  dryRun: boolean;
  progress: { done: number; total: number | null };
  summary: Record<'compared' | 'merges' | 'mergedProfiles' | 'queued' | 'related' | 'removed' | 'skipped', number>;
};

const home = { street: '14 Calle de Alcalá', city: 'Madrid', postcode: '28014', country: 'ES' };

describe(`identity rescan over the stored profiles (${engineName})`, { timeout: 120_000 }, () => {
  let t: TestApp;
  let s: Session;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    // Profiles written by hand (staff create them as given): duplicates the rescan should find.
    const people: Record<string, Json> = {
      iker1: {
        firstName: 'Iker',
        lastName: 'Ruiz',
        phone: '+34 612 345 678',
        birthDate: '1984-02-11',
        addresses: [home],
      },
      iker2: { firstName: 'Iker', lastName: 'Ruis', phone: '612345678', birthDate: '1984-02-11', addresses: [home] },
      jose1: {
        firstName: 'José María',
        lastName: 'Núñez Gómez',
        email: 'jm.nunez@gmail.com',
        phone: '+34 655 000 111',
      },
      jose2: { firstName: 'JOSE MARIA', lastName: 'NUNEZ', email: 'JM.Nunez@gmail.com', phone: '655000111' },
      // A family sharing an e-mail: related, never merged.
      ana: { firstName: 'Ana', lastName: 'Pérez', email: 'familia.perez@gmail.com', birthDate: '1970-05-02' },
      luis: { firstName: 'Luis', lastName: 'Pérez', email: 'familia.perez@gmail.com', birthDate: '2001-09-14' },
      // Twins: same birth date, surname and home, other first names.
      twin1: {
        firstName: 'Nerea',
        lastName: 'Etxeberria',
        birthDate: '1995-03-03',
        addresses: [home],
        phone: '+34 699 111 222',
      },
      twin2: {
        firstName: 'Maialen',
        lastName: 'Etxeberria',
        birthDate: '1995-03-03',
        addresses: [home],
        phone: '+34 699 111 333',
      },
      // The same person, but staff said "not the same person": stays apart.
      claire1: {
        firstName: 'Claire',
        lastName: 'Dubois',
        email: 'claire.dubois@orange.fr',
        phone: '+33 6 12 34 56 78',
      },
      claire2: {
        firstName: 'Claire',
        lastName: 'Dubois',
        email: 'claire.dubois@orange.fr',
        phone: '+33 6 12 34 56 78',
      },
      alone: { firstName: 'Sven', lastName: 'Lindqvist', email: 'sven@lindqvist.se' },
    };
    for (const [key, body] of Object.entries(people))
      ids[key] = (await call('POST', '/api/v1/guests', body, 201)).json<Json>().id as string;
    await call('POST', '/api/v1/duplicates/dismiss', { guestIds: [ids.claire1, ids.claire2] }, 200);
  });
  afterAll(() => t.close());

  async function call(method: 'GET' | 'POST', url: string, payload?: unknown, status?: number, who = s) {
    const res = await t.app.inject({
      method,
      url,
      headers: method === 'GET' ? { cookie: who.cookie } : who.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (status) expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res;
  }
  async function rescan(dryRun: boolean): Promise<Rescan> {
    const started = (await call('POST', '/api/v1/identity/rescan', { dryRun }, 202)).json<{
      id: string;
      status: string;
    }>();
    expect(started.status).toBe('queued');
    const handlers = rescanJobHandlers();
    while (await runNextJob(t.database.system, handlers)) {
      /* the worker's own claim-and-run */
    }
    return (await call('GET', `/api/v1/identity/rescan/${started.id}`, undefined, 200)).json<Rescan>();
  }
  const guestCount = async () =>
    Number(
      (
        await t.database.system
          .selectFrom('guest')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('orgId', '=', t.orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const merges = async () => (await call('GET', '/api/v1/merges', undefined, 200)).json<{ items: Json[] }>().items;
  const exists = async (id: string) => (await call('GET', `/api/v1/guests/${id}`)).statusCode === 200;

  it('a dry run counts the merges it would make and writes nothing', async () => {
    const before = await guestCount();
    const queue = (await call('GET', '/api/v1/duplicates?kind=related', undefined, 200)).json<{ items: Json[] }>();
    const run = await rescan(true);
    expect(run).toMatchObject({ status: 'done', dryRun: true, progress: { done: 11, total: 11 } });
    expect(run.summary).toMatchObject({ merges: 2, mergedProfiles: 2, skipped: 0 });
    expect(run.summary.related).toBeGreaterThanOrEqual(1);
    expect(await guestCount()).toBe(before);
    expect(await merges()).toEqual([]);
    expect((await call('GET', '/api/v1/duplicates?kind=related', undefined, 200)).json()).toEqual(queue);
  });

  it('merges what the rules merge, keeps families, twins and dismissed pairs apart, and queues the related', async () => {
    const before = await guestCount();
    const run = await rescan(false);
    expect(run).toMatchObject({ status: 'done', dryRun: false });
    expect(run.summary).toMatchObject({ merges: 2, mergedProfiles: 2 });
    expect(await guestCount()).toBe(before - 2);
    expect((await exists(ids.iker1!)) !== (await exists(ids.iker2!))).toBe(true);
    expect((await exists(ids.jose1!)) !== (await exists(ids.jose2!))).toBe(true);
    for (const key of ['ana', 'luis', 'twin1', 'twin2', 'claire1', 'claire2', 'alone'])
      expect(await exists(ids[key]!), key).toBe(true);
    const related = (await call('GET', '/api/v1/duplicates?kind=related', undefined, 200)).json<{
      items: { guestA: { id: string }; guestB: { id: string }; explanation: Json[] }[];
    }>();
    const family = related.items.find(
      (p) => [p.guestA.id, p.guestB.id].sort().join() === [ids.ana, ids.luis].sort().join(),
    );
    // Point 4: the queue explains in reason codes the UI translates.
    expect(family?.explanation).toEqual([
      { code: 'same', fields: ['family_name', 'email'] },
      { code: 'different', field: 'given_name' },
      { code: 'birth_different' },
    ]);
    // Recorded as normal merges by the system, with the decision on the survivor's Identity tab.
    const list = await merges();
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ createdBy: { type: 'system' }, undoneAt: null });
    const survivor = (list.find((m) => [ids.iker1, ids.iker2].includes(m.survivorId as string)) as Json).survivorId;
    const identity = (await call('GET', `/api/v1/guests/${survivor as string}/identity`, undefined, 200)).json<{
      decisions: {
        source: string;
        outcome: string;
        rule: string;
        score: number;
        reasons: string[];
        explanation: Json[];
      }[];
    }>();
    const decision = identity.decisions.find((d) => d.source === 'rescan');
    expect(decision).toMatchObject({ outcome: 'matched', rule: 'evidence' });
    expect(decision!.explanation[0]).toMatchObject({
      code: 'same',
      fields: expect.arrayContaining(['phone', 'birth_date']),
    });
    expect(decision!.explanation).toContainEqual({ code: 'similar', field: 'family_name' });
    expect(decision!.score).toBeGreaterThan(0.999);
  });

  it('each merge can be undone, and a second rescan does not merge an undone pair again', async () => {
    const [first] = await merges();
    await call('POST', `/api/v1/merges/${first!.id as string}/undo`, undefined, 200);
    const before = await guestCount();
    const run = await rescan(false);
    expect(run.summary.merges).toBe(0);
    expect(await guestCount()).toBe(before);
  });

  it('one rescan at a time; staff without guests:write cannot start one; unknown ids are 404', async () => {
    const a = (await call('POST', '/api/v1/identity/rescan', { dryRun: true }, 202)).json<{ id: string }>();
    const b = (await call('POST', '/api/v1/identity/rescan', { dryRun: false }, 202)).json<{ id: string }>();
    expect(b.id).toBe(a.id);
    const list = (await call('GET', '/api/v1/identity/rescan', undefined, 200)).json<{ items: Rescan[] }>();
    expect(list.items[0]).toMatchObject({ id: a.id, status: 'queued' });
    const viewer = await t.addStaff('read_only');
    const v = await t.login(viewer.email, viewer.password);
    await call('POST', '/api/v1/identity/rescan', { dryRun: true }, 403, v);
    await call('GET', `/api/v1/identity/rescan/${a.id}`, undefined, 200, v);
    await call('GET', '/api/v1/identity/rescan/rsc_nope', undefined, 404);
    await call('GET', `/api/v1/identity/rescan/${encodeURIComponent('a\u0000b')}`);
    expect((await call('POST', '/api/v1/identity/rescan', { dryRun: 'yes' })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/identity/rescan', { dryRun: true, extra: 1 })).statusCode).toBe(400);
    const other = await t.createOrg('Other hotel');
    const o = await t.login(other.email, other.password);
    await call('GET', `/api/v1/identity/rescan/${a.id}`, undefined, 404, o);
  });
});
