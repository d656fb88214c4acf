import { sql, type Kysely } from 'kysely';

/**
 * The insert triggers of guests and phones, cheaper per row (issue 13: an import inserts thousands
 * of guests per statement; these triggers were most of that statement's time). Same stored result,
 * each function's body written out where it was called once per row, so a row costs one query
 * instead of two or three nested function calls:
 * - a new guest's search tokens: `guest_search_tokens_of(new)` written out (≈ 4× less per row);
 * - a new guest's default group: `guest_with_system_group(…)` written out, and no lookup of the
 *   guest's groups when it has none;
 * - the words of new guests' names for suggestions (`search_word`): `search_words(…)` written out;
 * - phone suffixes: `phone_suffixes(e164)` written out in the statement trigger.
 * The functions stay (other statements use them); `guest-insert-triggers.test.ts` checks the
 * triggers store what they compute.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function guest_search_before_insert_trg() returns trigger language plpgsql as $f$
    begin
      new.search_tokens := coalesce(
        (select array_agg(distinct w order by w)
           from regexp_split_to_table(
                  lower(unaccent(concat_ws(' ', new.first_name, new.last_name, new.second_last_name, new.native_name,
                                           regexp_replace(new.email, '\\.[^.@]*$', '')))),
                  '[[:space:][:punct:]]+') w
          where w <> ''),
        '{}');
      return new;
    end
    $f$;

    create or replace function guest_system_group_before_insert_trg() returns trigger language plpgsql as $f$
    begin
      if not new.system_group_manual and (cardinality(new.group_ids) = 0 or not exists (
          select 1 from guest_group s
           where s.org_id = new.org_id and s.id = any(new.group_ids) and s.system_kind is not null)) then
        new.group_ids := array(
                 select x from unnest(new.group_ids) with ordinality u(x, i)
                  where not exists (select 1 from guest_group s
                                     where s.org_id = new.org_id and s.id = u.x and s.system_kind is not null)
                  order by i)
            || array(
                 select s.id from guest_group s
                  where s.org_id = new.org_id
                    and s.system_kind = case
                      when exists (select 1 from customer_account a
                                    where a.org_id = new.org_id and a.guest_id = new.id and a.status <> 'cancelled')
                        then 'customer'
                      when exists (select 1 from booking b
                                    where b.org_id = new.org_id and b.customer_id = new.id and b.status <> 'cancelled')
                        then 'guest'
                      else 'visitor' end
                  order by s.id
                  limit 1);
      end if;
      return new;
    end
    $f$;

    create or replace function guest_search_after_insert_trg() returns trigger language plpgsql as $f$
    begin
      insert into guest_search_token (org_id, token, guest_id)
        select n.org_id, t, n.id from new_rows n cross join unnest(n.search_tokens) t
        on conflict do nothing;
      insert into search_word (org_id, word)
        select distinct n.org_id, w
          from new_rows n
         cross join regexp_split_to_table(
                      lower(unaccent(concat_ws(' ', n.first_name, n.last_name, n.second_last_name, n.native_name))),
                      '[[:space:][:punct:]]+') w
         where length(w) >= 3 and w !~ '[0-9]'
        on conflict do nothing;
      return null;
    end
    $f$;

    create or replace function guest_phone_suffix_ins_trg() returns trigger language plpgsql as $f$
    begin
      insert into guest_phone_suffix (org_id, suffix, guest_id)
        select distinct n.org_id, substr(n.d, i), n.guest_id
          from (select org_id, guest_id, regexp_replace(e164, '[^0-9]', '', 'g') d from new_rows) n
         cross join generate_series(1, length(n.d) - 2) i
        on conflict do nothing;
      return null;
    end
    $f$;
  `.execute(db);
}
