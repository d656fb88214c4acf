import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName, type TestDatabase } from '../../test/support/db.ts';
import { createOrganisation } from '../modules/tenancy/index.ts';

/**
 * The insert triggers written out for speed (migration 2026-12-08-0101) store exactly what the
 * functions they replaced compute: search tokens (`guest_search_tokens_of`), suggestion words
 * (`search_words`), the default group (`guest_with_system_group`) and phone suffixes
 * (`phone_suffixes`) — on awkward names, e-mails and numbers, many rows per statement.
 */
describe(`guest and phone insert triggers (${engineName})`, () => {
  let t: TestDatabase;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    ({ orgId } = await createOrganisation(t.database.system, { name: 'Triggers', propertyName: 'P' }));
  });
  afterAll(() => t.destroy());

  const FIRST = ['Ana', 'María-José', "D'Arcy", 'Œdipe', 'Straße', 'Ñandú  Lü', '', 'A.B.', 'Zoë 2', 'Ø'];
  const LAST = ['de la Rosa', 'Etxeberria-Zubiri', "O'Neill", 'Æsir', 'Müller', 'x', 'Nguyễn', 'García López'];
  const EMAILS = [null, 'ana.rosa@example.com', 'Jean_Pierre+tag@mail.co.uk', 'ñ.o@ex-ample.org', 'noext@localhost'];
  const PHONES = ['+34612345678', '+1 (555) 010-9999', '+44', '+33 6 12 34 56 78', '12', '+49-151-2345-6789'];

  it('store what the functions compute, for every row of one insert', async () => {
    const { rows: groups } = await sql<{ id: string; systemKind: string | null }>`
      select id, system_kind from guest_group where org_id = ${orgId} order by id`.execute(t.database.system);
    const plain = await sql<{ id: string }>`
      insert into guest_group (org_id, id, name) values (${orgId}, 'grp_plain', 'Plain') returning id`
      .execute(t.database.system)
      .then((r) => r.rows[0]!.id)
      .catch(() => undefined);
    const system = groups.find((g) => g.systemKind)?.id;
    const guests = Array.from({ length: 240 }, (_, i) => ({
      id: `gst_trg_${String(i).padStart(4, '0')}`,
      first: FIRST[i % FIRST.length]!,
      last: LAST[(i >> 1) % LAST.length]!,
      second: i % 5 === 0 ? 'Pérez-Galdós' : null,
      native: i % 7 === 0 ? '山田 太郎' : null,
      email: EMAILS[i % EMAILS.length]!,
      groups: i % 3 === 0 && plain ? [plain] : i % 11 === 0 && system ? [system] : [],
    }));
    // A row naming a default group already keeps it (a restored snapshot), as before.
    const kept = guests.filter((g) => system && g.groups.includes(system)).map((g) => g.id);
    await sql`
      insert into guest (org_id, id, first_name, last_name, second_last_name, native_name, email, source, group_ids)
      select ${orgId}, x.id, x.first, x.last, x.second, x.native, x.email, 'import', x.groups
        from jsonb_to_recordset(${JSON.stringify(guests)}::jsonb)
             as x(id text, first text, last text, second text, native text, email text, groups text[])`.execute(
      t.database.system,
    );
    await sql`
      insert into guest_phone (org_id, guest_id, e164, display, is_primary, position)
      select ${orgId}, g.id, p.e164, p.e164, p.n = 1, p.n - 1
        from guest g cross join lateral unnest(${PHONES}::text[]) with ordinality p(e164, n)
       where g.org_id = ${orgId} and g.id like 'gst_trg_%' and p.n <= 1 + (substr(g.id, 9)::int % 3)`.execute(
      t.database.system,
    );

    const { rows } = await sql<{ tokens: number; groups: number; words: number; suffixes: number; extra: number }>`
      select
        (select count(*)::int from guest g where g.org_id = ${orgId} and g.id like 'gst_trg_%'
            and g.search_tokens is distinct from guest_search_tokens_of(g)) as tokens,
        (select count(*)::int from guest g where g.org_id = ${orgId} and g.id like 'gst_trg_%'
            and g.group_ids is distinct from case when g.id = any(${kept}::text[]) then array[${system ?? ''}]
                                                  else guest_with_system_group(g.org_id, g.id, g.group_ids) end) as groups,
        (select count(*)::int from guest g
           cross join unnest(search_words(concat_ws(' ', g.first_name, g.last_name, g.second_last_name, g.native_name))) w
          where g.org_id = ${orgId} and g.id like 'gst_trg_%' and length(w) >= 3 and w !~ '[0-9]'
            and not exists (select 1 from search_word s where s.org_id = g.org_id and s.word = w)) as words,
        (select count(*)::int from guest_phone p cross join unnest(phone_suffixes(p.e164)) s
          where p.org_id = ${orgId}
            and not exists (select 1 from guest_phone_suffix x
                             where x.org_id = p.org_id and x.suffix = s and x.guest_id = p.guest_id)) as suffixes,
        (select count(*)::int from guest_phone_suffix x
          where x.org_id = ${orgId}
            and not exists (select 1 from guest_phone p
                             where p.org_id = x.org_id and p.guest_id = x.guest_id
                               and x.suffix = any(phone_suffixes(p.e164)))) as extra`.execute(t.database.system);
    expect(rows[0]).toEqual({ tokens: 0, groups: 0, words: 0, suffixes: 0, extra: 0 });
    // Not vacuous: the rows have tokens, suffixes and (where no group was chosen) their default group.
    const { rows: seen } = await sql<{ tokens: number; suffixes: number; grouped: number }>`
      select (select count(*)::int from guest_search_token where org_id = ${orgId}) as tokens,
             (select count(*)::int from guest_phone_suffix where org_id = ${orgId}) as suffixes,
             (select count(*)::int from guest where org_id = ${orgId} and cardinality(group_ids) > 0) as grouped`.execute(
      t.database.system,
    );
    expect(seen[0]!.tokens).toBeGreaterThan(500);
    expect(seen[0]!.suffixes).toBeGreaterThan(500);
    if (system) expect(seen[0]!.grouped).toBe(240);
  });
});
