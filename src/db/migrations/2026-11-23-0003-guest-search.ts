import { sql, type Kysely } from 'kysely';

/**
 * Guest search (SPEC G-3), see docs/decisions/0010-guest-search.md.
 *
 * - `guest_search_token (org_id, token COLLATE "C", guest_id)`: one row per normalised word of a
 *   guest's names and e-mails (lower case, unaccented, split on spaces/punctuation, so
 *   "Müller-Etxeberria" gives "muller" and "etxeberria"). The primary key is the search index:
 *   prefix search is a btree range scan (`token >= 'mull' and token < 'mull' || U+10FFFF`) that
 *   returns exact matches first (the shortest token sorts first) and can stop at LIMIT.
 * - `guest.search_tokens`: the same token set on the guest row. It lets maintenance delete exactly
 *   the stale tokens through the primary key (no second index), and lets a multi-word query check
 *   the other words on the fetched row.
 * - `search_word`: the distinct name words of an organisation with a trigram index: the fuzzy
 *   fallback (one typo) looks up a handful of close words here, then their guests by token.
 * - Phones: a trigram index on `guest_phone.e164` answers "any fragment of 3+ digits".
 * - `guest_stats`: the guest count per organisation (statement-level triggers), so the unfiltered
 *   list total is O(1) at a million guests.
 *
 * Triggers keep all of it right in the same transaction, whatever writes guests (API, imports).
 * Bulk loaders may disable triggers and call `guest_search_rebuild(org)` afterwards.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table guest add column search_tokens text[] collate "C" not null default '{}';

    create table guest_search_token (
      org_id text not null,
      token text collate "C" not null,
      guest_id text not null,
      primary key (org_id, token, guest_id)
    );

    create table search_word (
      org_id text not null,
      word text collate "C" not null,
      primary key (org_id, word)
    );
    create index search_word_trgm_idx on search_word using gin (word gin_trgm_ops);

    create index guest_phone_trgm_idx on guest_phone using gin (e164 gin_trgm_ops);

    create table guest_stats (
      org_id text not null references organisation (id),
      guest_count bigint not null default 0,
      primary key (org_id)
    );

    -- Words of a free text: lower case, without accents, split on spaces and punctuation.
    create function search_words(t text) returns text[] language sql stable as $f$
      select coalesce(array_agg(distinct w), '{}')
        from regexp_split_to_table(lower(unaccent(coalesce(t, ''))), '[[:space:][:punct:]]+') w
       where w <> ''
    $f$;

    -- Words of an e-mail address: its local part and domain without the top-level domain.
    create function email_search_words(e text) returns text[] language sql stable as $f$
      select search_words(regexp_replace(e, '\\.[^.@]*$', ''))
    $f$;

    create function guest_name_words(g guest) returns text[] language sql stable as $f$
      select search_words(concat_ws(' ', g.first_name, g.last_name, g.second_last_name, g.native_name))
    $f$;

    -- Brings one guest's tokens in line with its names and e-mails (only the difference is written).
    create function guest_search_sync(p_org text, p_id text) returns void language plpgsql as $f$
    declare
      g guest;
      names text[];
      new_t text[];
    begin
      select * into g from guest where org_id = p_org and id = p_id;
      if not found then return; end if;
      names := guest_name_words(g);
      select coalesce(array_agg(distinct w order by w), '{}') into new_t from (
        select unnest(names) w
        union all
        select unnest(email_search_words(e.email)) from guest_email e where e.org_id = p_org and e.guest_id = p_id
      ) s;
      if new_t = g.search_tokens then return; end if;
      delete from guest_search_token
       where org_id = p_org and token = any(g.search_tokens) and guest_id = p_id and not (token = any(new_t));
      insert into guest_search_token (org_id, token, guest_id)
        select p_org, t, p_id from unnest(new_t) t where not (t = any(g.search_tokens))
        on conflict do nothing;
      insert into search_word (org_id, word)
        select p_org, t from unnest(names) t where length(t) >= 3 and t !~ '[0-9]'
        on conflict do nothing;
      update guest set search_tokens = new_t where org_id = p_org and id = p_id;
    end
    $f$;

    create function guest_search_guest_trg() returns trigger language plpgsql as $f$
    begin
      if tg_op = 'DELETE' then
        delete from guest_search_token
         where org_id = old.org_id and token = any(old.search_tokens) and guest_id = old.id;
        return null;
      end if;
      perform guest_search_sync(new.org_id, new.id);
      return null;
    end
    $f$;
    create trigger guest_search_ins after insert on guest
      for each row execute function guest_search_guest_trg();
    create trigger guest_search_upd after update of first_name, last_name, second_last_name, native_name on guest
      for each row execute function guest_search_guest_trg();
    create trigger guest_search_del after delete on guest
      for each row execute function guest_search_guest_trg();

    create function guest_search_email_trg() returns trigger language plpgsql as $f$
    begin
      if tg_op in ('UPDATE', 'DELETE') then perform guest_search_sync(old.org_id, old.guest_id); end if;
      if tg_op in ('INSERT', 'UPDATE') then perform guest_search_sync(new.org_id, new.guest_id); end if;
      return null;
    end
    $f$;
    create trigger guest_email_search after insert or update or delete on guest_email
      for each row execute function guest_search_email_trg();

    -- Rebuilds every token of an organisation in three set-based statements (bulk loads).
    create function guest_search_rebuild(p_org text) returns void language plpgsql as $f$
    begin
      delete from guest_search_token where org_id = p_org;
      update guest g set search_tokens = s.t
        from (
          select g2.id, coalesce(array_agg(distinct w order by w), '{}') t from guest g2
            cross join lateral (
              select unnest(guest_name_words(g2)) w
              union all
              select unnest(email_search_words(e.email)) from guest_email e
               where e.org_id = g2.org_id and e.guest_id = g2.id
            ) x
           where g2.org_id = p_org group by g2.id
        ) s
       where g.org_id = p_org and g.id = s.id;
      insert into guest_search_token (org_id, token, guest_id)
        select p_org, unnest(search_tokens), id from guest where org_id = p_org
        on conflict do nothing;
      insert into search_word (org_id, word)
        select distinct p_org, w from guest g cross join lateral unnest(guest_name_words(g)) w
         where g.org_id = p_org and length(w) >= 3 and w !~ '[0-9]'
        on conflict do nothing;
    end
    $f$;

    create function guest_stats_trg() returns trigger language plpgsql as $f$
    begin
      if tg_op = 'INSERT' then
        insert into guest_stats (org_id, guest_count) select org_id, count(*) from new_rows group by org_id
          on conflict (org_id) do update set guest_count = guest_stats.guest_count + excluded.guest_count;
      else
        update guest_stats s set guest_count = s.guest_count - d.n
          from (select org_id, count(*) n from old_rows group by org_id) d where s.org_id = d.org_id;
      end if;
      return null;
    end
    $f$;
    create trigger guest_stats_ins after insert on guest referencing new table as new_rows
      for each statement execute function guest_stats_trg();
    create trigger guest_stats_del after delete on guest referencing old table as old_rows
      for each statement execute function guest_stats_trg();
  `.execute(db);
}
