import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { runNextJob } from '../../jobs/queue.ts';
import { identityJobHandlers } from './index.ts';

describe(`Settings → Identity and the organisation's model (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, headers = s.headers) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('is balanced by default, switches to cautious, and refuses what it does not know', async () => {
    const first = await call('GET', '/api/v1/settings/identity');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ mode: 'balanced', matchOnNameAlone: false, model: null });

    const put = await call('PUT', '/api/v1/settings/identity', { mode: 'cautious' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ mode: 'cautious', matchOnNameAlone: false });
    const org = await t.database.system
      .selectFrom('organisation')
      .select('settings')
      .where('id', '=', t.orgId)
      .executeTakeFirstOrThrow();
    expect(org.settings).toMatchObject({ identity: { mode: 'cautious' } });

    expect((await call('PUT', '/api/v1/settings/identity', { mode: 'reckless' })).statusCode).toBe(400);
    expect((await call('PUT', '/api/v1/settings/identity', { mode: 'balanced', extra: 1 })).statusCode).toBe(400);
    expect((await call('PUT', '/api/v1/settings/identity', { mode: 'bal\u0000anced' })).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/settings/identity', undefined, {})).statusCode).toBe(401);
    expect((await call('PUT', '/api/v1/settings/identity', { mode: 'balanced' })).json().mode).toBe('balanced');
  });

  it('builds the model in the background: name counts of 5+ profiles only, defaults when small', async () => {
    for (let i = 0; i < 12; i++) {
      const res = await call('POST', '/api/v1/guests', {
        firstName: i < 6 ? 'María' : `Zuriñe${String.fromCharCode(97 + i)}`,
        lastName: i < 6 ? 'García' : 'Etxeberria',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const queued = await call('POST', '/api/v1/settings/identity/model');
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json().jobId).toMatch(/^job_/);
    while (await runNextJob(t.database.system, identityJobHandlers));
    const model = (await call('GET', '/api/v1/settings/identity')).json().model;
    expect(model).toMatchObject({ profiles: 12, emWeights: false, version: 1 });
    const row = await t.database.system
      .selectFrom('identityModel')
      .selectAll()
      .where('orgId', '=', t.orgId)
      .executeTakeFirstOrThrow();
    const names = row.names as { given: [string, number][]; family: [string, number][] };
    expect(names.given).toEqual([['maria', 6]]);
    expect(names.family.map(([n]) => n).sort()).toEqual(['etxeberria', 'garcia']);
    expect(JSON.stringify(names)).not.toMatch(/zurine/);

    // Bookings resolve with the model (the resolver reads it, cached by version), before and after a rebuild.
    await t.addRoomType(s, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 50 });
    const book = async (ref: string) => {
      const res = await call('POST', '/api/v1/bookings', {
        source: 'api',
        externalRef: ref,
        checkIn: '2027-09-01',
        checkOut: '2027-09-02',
        roomTypeName: 'double',
        customer: { firstName: 'Maria', lastName: 'Garcia', phone: '+34 600 123 456', birthDate: '1980-02-03' },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().customerId as string;
    };
    const a = await book('M-1');
    expect((await call('POST', '/api/v1/settings/identity/model')).statusCode).toBe(202);
    while (await runNextJob(t.database.system, identityJobHandlers));
    expect((await call('GET', '/api/v1/settings/identity')).json().model.version).toBe(2);
    expect(await book('M-2')).toBe(a);
  });
});
