import {
  CamelCasePlugin,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from './schema.ts';
import { TenantScopePlugin } from './tenant-scope.plugin.ts';

const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
  plugins: [new CamelCasePlugin()],
}).withPlugin(new TenantScopePlugin('org_a'));

describe('TenantScopePlugin', () => {
  it('filters every tenant table of a select, including aliased joins', () => {
    const q = db
      .selectFrom('staffSession as s')
      .innerJoin('staffUser as u', 'u.id', 's.staffId')
      .select(['s.id', 'u.email'])
      .where('s.id', '=', 'x')
      .compile();
    expect(q.sql).toContain('"u"."org_id" = $');
    expect(q.sql).toMatch(/where .*"s"\."org_id" = \$/);
    expect(q.parameters.filter((p) => p === 'org_a')).toHaveLength(2);
  });

  it('scopes subqueries too', () => {
    const q = db.selectFrom('property').select('id').where('id', 'in', db.selectFrom('guest').select('id')).compile();
    expect(q.sql.match(/"org_id" = \$/g)).toHaveLength(2);
  });

  it('leaves global tables alone', () => {
    const q = db.selectFrom('organisation').selectAll().compile();
    expect(q.sql).not.toContain('org_id');
  });

  it('scopes updates and deletes', () => {
    expect(db.updateTable('guest').set({ firstName: 'x' }).where('id', '=', '1').compile().sql).toMatch(
      /"guest"\."org_id" = \$/,
    );
    expect(db.deleteFrom('apiKey').where('id', '=', '1').compile().sql).toMatch(/"api_key"\."org_id" = \$/);
  });

  it('adds the org id to inserts that omit it', () => {
    const q = db
      .insertInto('guest')
      .values({ id: 'g1', firstName: 'Ana' } as never)
      .compile();
    expect(q.sql).toContain('"org_id"');
    expect(q.parameters).toContain('org_a');
  });

  it("refuses an insert carrying another organisation's id", () => {
    expect(() =>
      db
        .insertInto('guest')
        .values({ id: 'g1', orgId: 'org_b' } as never)
        .compile(),
    ).toThrow(/another organisation/);
  });
});

describe('TenantScopePlugin with raw conditions', () => {
  it('keeps an OR in a raw WHERE inside the tenant scope', async () => {
    const { sql } = await import('kysely');
    const q = db
      .selectFrom('guest')
      .select('id')
      .where(sql<boolean>`first_name = ${'a'} or last_name = ${'b'}`)
      .compile();
    expect(q.sql).toMatch(/where \(first_name = \$1 or last_name = \$2\) and "guest"\."org_id" = \$3/);
  });

  it('keeps an OR in a join condition inside the tenant scope', () => {
    const q = db
      .selectFrom('guest as g')
      .leftJoin('guestEmail as e', (j) =>
        j.on((eb) => eb.or([eb('e.guestId', '=', eb.ref('g.id')), eb('e.email', '=', 'x')])),
      )
      .select('g.id')
      .compile();
    expect(q.sql).toMatch(/on \(\("e"\."guest_id" = "g"\."id" or "e"\."email" = \$1\)\) and "e"\."org_id" = \$2/);
  });
});
