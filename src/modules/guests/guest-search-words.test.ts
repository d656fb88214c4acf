import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { rarestRange, wordSearchTuning } from './guest-search.service.ts';

/**
 * A search of several words is answered by an intersection of the token index when every word is
 * rare, and by streaming the rarest word's tokens otherwise: both must list the same guests in the
 * same order, page after page, with and without filters. The thresholds are shrunk to reach the stream.
 */
describe(`several-word search paths (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  const defaults = { ...wordSearchTuning };
  const people = [
    ['Paula', 'Carmona'],
    ['Paula', 'Carrasco'],
    ['Paula', 'Smith'],
    ['Pablo', 'Carmona'],
    ['Paula', 'Caro'],
    ['Paulina', 'Carver'],
    ['Ana', 'Paula-Carmo'],
    ['Paula', 'Garcia'],
    ['Paul', 'Cartier'],
    ['Carmen', 'Paulo'],
    ['Paula', 'Carranza'],
    ['Paula', 'Cardoso'],
    // More "car…" words than Paulas: both paths drive by "paula" (the stream counts both to its
    // shrunk cap and takes the longer word).
    ['Carla', 'Lopez'],
    ['Carlos', 'Ruiz'],
    ['Carolina', 'Diaz'],
  ];
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    for (const [i, [firstName, lastName]] of people.entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/guests',
        headers: s.headers,
        payload: { firstName, lastName, language: i % 2 ? 'es' : 'fr' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterEach(() => Object.assign(wordSearchTuning, defaults));
  afterAll(() => t.close());

  async function allPages(q: string, extra = '') {
    const names: string[] = [];
    const totals: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const res: Awaited<ReturnType<typeof t.app.inject>> = await t.app.inject({
        method: 'GET',
        url: `/api/v1/guests?q=${encodeURIComponent(q)}&limit=2${extra}${cursor ? `&cursor=${cursor}` : ''}`,
        headers: { cookie: s.cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      const body: { items: { firstName: string; lastName: string }[]; nextCursor: string | null; total: number } =
        res.json();
      names.push(...body.items.map((g) => `${g.firstName} ${g.lastName}`));
      totals.push(body.total);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return { names, totals };
  }

  it('lists the same guests in the same order from the index intersection and from the stream', async () => {
    const fromIndex = await allPages('paula car');
    const ordered = [...fromIndex.names];
    expect(fromIndex.names.sort()).toEqual(
      ['Paula Carmona', 'Paula Carrasco', 'Paula Caro', 'Ana Paula-Carmo', 'Paula Carranza', 'Paula Cardoso'].sort(),
    );
    expect(new Set(fromIndex.totals)).toEqual(new Set([6]));

    Object.assign(wordSearchTuning, { rangeSizeCap: 2, countBudget: 1000 });
    const streamed = await allPages('paula car');
    expect(streamed.names).toEqual(ordered);
    expect(new Set(streamed.totals)).toEqual(new Set([6]));
  });

  it('applies filters on both paths', async () => {
    const fromIndex = await allPages('paula car', '&language=es');
    expect(fromIndex.names.length).toBeGreaterThan(1);
    expect(fromIndex.names.length).toBeLessThan(6);
    Object.assign(wordSearchTuning, { rangeSizeCap: 2, countBudget: 1000 });
    const streamed = await allPages('paula car', '&language=es');
    expect(streamed.names).toEqual(fromIndex.names);
    expect(streamed.totals).toEqual(fromIndex.totals);
  });

  it('drives by the rarest word, and between words counted to the cap by the longest', () => {
    const range = (lo: string, size: number) => ({ lo, hi: `${lo}\u{10ffff}`, fuzzy: [], size });
    expect(rarestRange([range('g', 5000), range('ines', 5000)]).lo).toBe('ines');
    expect(rarestRange([range('ines', 5000), range('g', 5000)]).lo).toBe('ines');
    expect(rarestRange([range('g', 40), range('ines', 5000)]).lo).toBe('g');
  });
});
