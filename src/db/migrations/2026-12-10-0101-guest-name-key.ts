import { sql, type Kysely } from 'kysely';

/**
 * Namesakes by one index probe (issue 13: the resolver's "profiles having both the first-name word
 * and the last-name word" joined the two words' search-token lists, thousands of rows each for
 * common names — most of an import's SQL time, growing with the organisation).
 *
 * `guest_name_key (org_id, key, guest_id)`: per guest, the pairs of one first-name word and one
 * last-name word (last name and second last name), each pair written in sorted order ("garcia
 * maria"), so "María García" and a swapped "García María" have the same key. Words are folded as
 * `nameTokens` folds them in TypeScript (src/modules/identity/matching/normalise.ts: accents off,
 * lower case, separators to spaces, particles such as "de la" dropped unless the name is only
 * particles); `src/db/guest-name-key.test.ts` checks the two agree. At most 3 first-name words ×
 * 4 last-name words per guest (a handful of rows; the resolver asks for the first word of each).
 *
 * Kept by triggers in the same transaction whatever writes guests: one statement trigger on insert
 * and on delete (imports insert thousands of guests per statement; a merge deletes the merged
 * profiles), a row trigger when a name changes. The rows of a deleted guest are found through the
 * primary key with the keys its names give (no index by guest). Bulk loaders that switch triggers
 * off write the keys themselves (src/seed/seed-guests.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table guest_name_key (
      org_id text not null,
      key text collate "C" not null,
      guest_id text not null,
      primary key (org_id, key, guest_id)
    );

    -- nameTokens' folding (foldText, then what is not a-z, 0-9 or a space removed): NFD (the marks
    -- are removed at the end with the rest), lower case, the letters NFD keeps whole spelled out,
    -- foldText's separators to one space. Words are this split on spaces, without empty ones.
    create function name_fold(t text) returns text language sql immutable parallel safe as $f$
      select regexp_replace(
               regexp_replace(
                 replace(replace(replace(replace(replace(replace(replace(
                   translate(lower(normalize(coalesce(t, ''), NFD)), 'øØłŁđĐðÐı', 'oollddddi'),
                   'ß', 'ss'), 'ẞ', 'ss'), 'æ', 'ae'), 'Æ', 'ae'), 'œ', 'oe'), 'Œ', 'oe'), 'þ', 'th'),
                 '[\\s\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff\\-‐‑‒–—_.,;:/\\\\''’\`´"()[\\]{}]+',
                 ' ', 'g'),
               '[^a-z0-9 ]', '', 'g')
    $f$;

    -- Particles dropped from a name unless every word of it is one (nameTokens' PARTICLES).
    create function name_particles() returns text[] language sql immutable parallel safe as $f$
      select '{de,del,la,las,los,el,y,i,e,da,das,do,dos,di,du,le,van,von,der,den,ter,ten,st,mc,al,bin,ibn}'::text[]
    $f$;

    -- nameTokens(t) (the tests compare the two).
    create function name_key_words(t text) returns text[] language sql immutable parallel safe as $f$
      select coalesce(
               case when bool_and(u.w = any(name_particles())) then array_agg(u.w order by u.i)
                    else array_agg(u.w order by u.i) filter (where not (u.w = any(name_particles()))) end,
               '{}')
        from unnest(string_to_array(name_fold(t), ' ')) with ordinality u(w, i)
       where u.w <> ''
    $f$;

    -- The keys of one guest's names: sorted pairs of a first-name word and a last-name word. One
    -- query with no call of another non-inlined SQL function: a nested call would be planned again
    -- for every guest (measured ≈ 0.7 ms per guest, 14× this).
    create function guest_name_keys(first_name text, last_name text, second_last_name text)
      returns text[] language sql immutable parallel safe as $f$
      with w as (
        select s.part, u.w, u.i, u.w = any(name_particles()) as particle,
               bool_and(u.w = any(name_particles())) over (partition by s.part) as only_particles
          from (values (1, first_name), (2, last_name), (3, second_last_name)) s(part, t)
          cross join lateral unnest(string_to_array(name_fold(s.t), ' ')) with ordinality u(w, i)
         where u.w <> ''
      ), kept as (
        -- numbered within the first name, and within last name + second last name (in that order)
        select part, w, row_number() over (partition by part = 1 order by part, i) as r
          from w where not particle or only_particles
      )
      select coalesce(array_agg(distinct case when f.w collate "C" <= l.w then f.w || ' ' || l.w
                                              else l.w || ' ' || f.w end), '{}')
        from kept f join kept l on f.part = 1 and l.part > 1 and f.r <= 3 and l.r <= 4
    $f$;

    -- guest_name_keys of every new row, written out set-based (half the time of a call per row).
    create function guest_name_key_ins_trg() returns trigger language plpgsql as $f$
    begin
      with w as (
        select n.org_id, n.id, s.part, u.w, u.i, u.w = any(name_particles()) as particle,
               bool_and(u.w = any(name_particles())) over (partition by n.org_id, n.id, s.part) as only_particles
          from new_rows n
          cross join lateral (values (1, n.first_name), (2, n.last_name), (3, n.second_last_name)) s(part, t)
          cross join lateral unnest(string_to_array(name_fold(s.t), ' ')) with ordinality u(w, i)
         where u.w <> ''
      ), kept as (
        select org_id, id, part, w, row_number() over (partition by org_id, id, part = 1 order by part, i) as r
          from w where not particle or only_particles
      )
      insert into guest_name_key (org_id, key, guest_id)
        select distinct f.org_id, case when f.w collate "C" <= l.w then f.w || ' ' || l.w else l.w || ' ' || f.w end, f.id
          from kept f join kept l on l.org_id = f.org_id and l.id = f.id and f.part = 1 and l.part > 1
         where f.r <= 3 and l.r <= 4
        on conflict do nothing;
      return null;
    end
    $f$;
    create trigger guest_name_key_ins after insert on guest
      referencing new table as new_rows for each statement execute function guest_name_key_ins_trg();

    create function guest_name_key_del_trg() returns trigger language plpgsql as $f$
    begin
      delete from guest_name_key k
       using old_rows o cross join unnest(guest_name_keys(o.first_name, o.last_name, o.second_last_name)) ok
       where k.org_id = o.org_id and k.key = ok and k.guest_id = o.id;
      return null;
    end
    $f$;
    create trigger guest_name_key_del after delete on guest
      referencing old table as old_rows for each statement execute function guest_name_key_del_trg();

    create function guest_name_key_upd_trg() returns trigger language plpgsql as $f$
    declare
      old_k text[] := guest_name_keys(old.first_name, old.last_name, old.second_last_name);
      new_k text[] := guest_name_keys(new.first_name, new.last_name, new.second_last_name);
    begin
      if old.org_id = new.org_id and old.id = new.id and old_k = new_k then return null; end if;
      delete from guest_name_key
       where org_id = old.org_id and key = any(old_k) and guest_id = old.id;
      insert into guest_name_key (org_id, key, guest_id)
        select new.org_id, k, new.id from unnest(new_k) k
        on conflict do nothing;
      return null;
    end
    $f$;
    create trigger guest_name_key_upd after update of org_id, id, first_name, last_name, second_last_name on guest
      for each row
      when (old.first_name is distinct from new.first_name or old.last_name is distinct from new.last_name
            or old.second_last_name is distinct from new.second_last_name or old.id is distinct from new.id
            or old.org_id is distinct from new.org_id)
      execute function guest_name_key_upd_trg();

    insert into guest_name_key (org_id, key, guest_id)
      select g.org_id, k, g.id from guest g cross join unnest(guest_name_keys(g.first_name, g.last_name, g.second_last_name)) k
      on conflict do nothing;
  `.execute(db);
}
