import { sql, type Kysely } from 'kysely';

/**
 * Inserts of e-mails and phones maintain search once per statement instead of once per row (issue
 * 13: an import or a booking batch writes thousands of them at a time). Same stored result:
 * - phone fragments: every suffix of the new phones, in one insert (the row trigger stays for
 *   updates and deletes);
 * - search tokens: the guests of the new e-mail rows whose tokens would change (names and all
 *   their e-mails, exactly what `guest_search_sync` computes) are synced; the others — a new
 *   profile, whose tokens the guest insert already computed from its primary e-mail — are left
 *   alone without a call per row. Updates and deletes keep the row trigger.
 * - a new guest's tokens (the insert trigger): one split of names and e-mail together instead of
 *   two splits merged (the words of "a b" are the words of "a" and of "b").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function guest_search_tokens_of(g guest) returns text[] language sql stable as $f$
      select coalesce(array_agg(distinct w order by w), '{}')
        from unnest(search_words(concat_ws(' ', g.first_name, g.last_name, g.second_last_name, g.native_name,
                                           regexp_replace(g.email, '\\.[^.@]*$', '')))) w
    $f$;

    create function guest_phone_suffix_ins_trg() returns trigger language plpgsql as $f$
    begin
      insert into guest_phone_suffix (org_id, suffix, guest_id)
        select n.org_id, s, n.guest_id from new_rows n cross join unnest(phone_suffixes(n.e164)) s
        on conflict do nothing;
      return null;
    end
    $f$;
    drop trigger guest_phone_suffix_maint on guest_phone;
    create trigger guest_phone_suffix_maint after update of e164, guest_id or delete on guest_phone
      for each row execute function guest_phone_suffix_trg();
    create trigger guest_phone_suffix_ins after insert on guest_phone
      referencing new table as new_rows for each statement execute function guest_phone_suffix_ins_trg();

    create function guest_search_email_ins_trg() returns trigger language plpgsql as $f$
    declare
      r record;
    begin
      for r in
        -- Lateral: each guest by its primary key, however many guests the organisation has.
        select g.org_id, g.id
          from (select distinct n.org_id, n.guest_id from new_rows n) a
          cross join lateral (select * from guest g where g.org_id = a.org_id and g.id = a.guest_id) g
         where g.search_tokens is distinct from (
                 select coalesce(array_agg(distinct w order by w), '{}'::text[]) from (
                   select unnest(guest_name_words(g)) w
                   union all
                   select unnest(email_search_words(e.email)) from guest_email e
                    where e.org_id = g.org_id and e.guest_id = g.id
                 ) s)
         order by g.org_id, g.id
      loop
        perform guest_search_sync(r.org_id, r.id);
      end loop;
      return null;
    end
    $f$;
    drop trigger guest_email_search on guest_email;
    create trigger guest_email_search after update or delete on guest_email
      for each row execute function guest_search_email_trg();
    create trigger guest_email_search_ins after insert on guest_email
      referencing new table as new_rows for each statement execute function guest_search_email_ins_trg();
  `.execute(db);
}
