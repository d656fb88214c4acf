import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName, type TestDatabase } from '../../../test/support/db.ts';
import { filterConditions, type ResolvedFilters } from './guest-list.filters.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(() => t?.destroy());

describe(`guest filters and the facet index (${engineName})`, () => {
  it('repeat the index expression exactly, so PostgreSQL can answer every equality filter from guest_facets_idx', async () => {
    const filters: ResolvedFilters = {
      orgId: 'org_a',
      input: {
        language: 'es',
        marketingConsent: true,
        country: 'ES',
        source: 'booking',
        hasAccount: false,
        tagMode: 'any',
      },
      tagIds: ['tag_a', 'tag_b'],
      none: false,
    };
    const plan = await t.database.system.transaction().execute(async (trx) => {
      // On an empty table a sequential scan is cheapest; forbid it to see whether the index applies at all.
      await sql`set local enable_seqscan = off`.execute(trx);
      const query = trx
        .selectFrom('guest')
        .select((eb) => eb.fn.countAll().as('n'))
        .where((eb) => eb.and(filterConditions(eb, filters)))
        .compile();
      const r = await trx.executeQuery<Record<string, string>>(
        CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
      );
      return r.rows.map((row) => Object.values(row)[0]).join('\n');
    });
    expect(plan).toMatch(/guest_facets_idx/);
  });
});
