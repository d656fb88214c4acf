import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName, type TestDatabase } from '../../../test/support/db.ts';
import { NO_PERSONAL_DATA, tablePlaces } from './registry.ts';

/** Issue 12 point 2: a table that can hold a guest's data cannot be left out of erasure. */
describe(`the personal-data registry (${engineName})`, () => {
  let db: TestDatabase;
  let columns: Map<string, string[]>;
  beforeAll(async () => {
    db = await createTestDatabase();
    const rows = await sql<{ table: string; column: string }>`
      select table_name as "table", column_name as "column"
        from information_schema.columns
       where table_schema = current_schema()
         and (data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
              or (data_type = 'ARRAY' and udt_name in ('_text', '_varchar', '_json', '_jsonb')))
       order by table_name, ordinal_position`.execute(db.database.system);
    columns = new Map();
    for (const r of rows.rows) columns.set(r.table, [...(columns.get(r.table) ?? []), r.column]);
  });
  afterAll(() => db.destroy());

  it('covers every table with a text or json column, or declares it free of personal data with a reason', () => {
    const registered = new Set(tablePlaces().map((p) => p.table));
    const forgotten = [...columns.keys()].filter((t) => !registered.has(t) && !NO_PERSONAL_DATA[t]);
    expect(forgotten, 'add these tables to src/modules/privacy/registry.ts').toEqual([]);
    for (const [table, reason] of Object.entries(NO_PERSONAL_DATA)) {
      expect(reason.length, table).toBeGreaterThan(10);
      expect(registered.has(table), `${table} is both registered and declared free`).toBe(false);
    }
  });

  it('classifies every text/json column of a registered table as personal or not, and names only real columns', () => {
    for (const place of tablePlaces()) {
      const actual = (columns.get(place.table) ?? []).filter((c) => c !== 'org_id');
      const listed = [...place.personal, ...place.other];
      expect(columns.has(place.table), `${place.table} exists`).toBe(true);
      expect(
        actual.filter((c) => !listed.includes(c)),
        `unclassified columns of ${place.table}`,
      ).toEqual([]);
      const all = new Set([...columns.get(place.table)!]);
      // Non-text columns may be listed as personal (ids kept as text are checked above).
      expect(
        place.personal.filter((c) => !all.has(c) && !/_id$|^id$/.test(c)),
        place.table,
      ).toEqual([]);
      expect(place.find.length && place.erase.length, place.table).toBeTruthy();
    }
  });

  it('lists each table once and gives every table with personal data a way to erase it (or a cascade)', () => {
    const tables = tablePlaces().map((p) => p.table);
    expect(new Set(tables).size).toBe(tables.length);
    const cascades = new Set(['guest_alias', 'cart_item', 'site_checkout', 'login_throttle']);
    for (const p of tablePlaces()) if (!p.run) expect(cascades.has(p.table), `${p.table} has no run`).toBe(true);
  });
});
