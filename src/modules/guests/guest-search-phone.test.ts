import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { phoneSearchTuning } from './guest-search.service.ts';

/**
 * The three ways a phone fragment is searched (from the suffix index, joined with filters, or by
 * walking phones in guest order for a very common fragment) must list the same guests. The
 * thresholds are shrunk here so a few dozen guests reach every path.
 */
describe(`phone fragment search paths (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  const defaults = { ...phoneSearchTuning };
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    for (let i = 0; i < 36; i++) {
      const n = String(100000 + i * 7919).slice(-6);
      const phones = [{ number: `+34 6${i % 3 === 0 ? '55' : '12'} ${n.slice(0, 3)} ${n.slice(3)}` }];
      if (i % 4 === 0) phones.push({ number: `+33 6 55 ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4)}` });
      const res: Awaited<ReturnType<typeof t.app.inject>> = await t.app.inject({
        method: 'POST',
        url: '/api/v1/guests',
        headers: s.headers,
        payload: { firstName: `Phone${i}`, lastName: 'Walker', language: i % 2 ? 'es' : 'fr', phones },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterEach(() => Object.assign(phoneSearchTuning, defaults));
  afterAll(() => t.close());

  /** Every page of a search, in order. */
  async function allPages(q: string, extra = '') {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const res: Awaited<ReturnType<typeof t.app.inject>> = await t.app.inject({
        method: 'GET',
        url: `/api/v1/guests?q=${q}&limit=4${extra}${cursor ? `&cursor=${cursor}` : ''}`,
        headers: { cookie: s.cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      const body: { items: { id: string }[]; nextCursor: string | null } = res.json();
      ids.push(...body.items.map((g) => g.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return ids;
  }

  async function expected(fragment: string, language?: string) {
    const rows = await t.database
      .forOrg(t.orgId)
      .selectFrom('guestPhone')
      .innerJoin('guest', 'guest.id', 'guestPhone.guestId')
      .select('guestPhone.guestId')
      .distinct()
      .where('guestPhone.e164', 'like', `%${fragment}%`)
      .$if(language !== undefined, (qb) => qb.where('guest.language', '=', language ?? ''))
      .execute();
    return rows.map((r) => r.guestId).sort();
  }

  it('lists the same guests, once each and in id order, from the index, by a join and by a walk', async () => {
    const want = await expected('655');
    expect(want.length).toBeGreaterThan(8);
    const fromIndex = await allPages('655');
    expect(fromIndex).toEqual(want);
    const first = await t.app.inject({
      method: 'GET',
      url: '/api/v1/guests?q=655&limit=4',
      headers: { cookie: s.cookie },
    });
    expect(first.json<{ total: number }>().total).toBe(want.length);

    Object.assign(phoneSearchTuning, { indexRows: 3, walkChunk: 5, walkSteps: 100 });
    expect(await allPages('655')).toEqual(want);
    // A common fragment's total is counted from its first suffix rows: still exact under the cap.
    const walked = await t.app.inject({
      method: 'GET',
      url: '/api/v1/guests?q=655&limit=4',
      headers: { cookie: s.cookie },
    });
    expect(walked.json<{ total: number }>().total).toBe(want.length);

    // Out of steps: pages end early but the cursor resumes, and nothing is lost or repeated.
    Object.assign(phoneSearchTuning, { indexRows: 3, walkChunk: 3, walkSteps: 2 });
    expect(await allPages('655')).toEqual(want);
  });

  it('applies filters on every path', async () => {
    const want = await expected('655', 'es');
    expect(want.length).toBeGreaterThan(2);
    expect(await allPages('655', '&language=es')).toEqual(want);
    Object.assign(phoneSearchTuning, { filteredRows: 2 });
    expect(await allPages('655', '&language=es')).toEqual(want);
  });
});
