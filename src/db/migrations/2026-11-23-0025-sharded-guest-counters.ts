import { sql, type Kysely } from 'kysely';

/**
 * The running guest counters (guest_stats, guest_kpi_stats) had one row per organisation, which
 * every statement writing `guest` updated: concurrent bookings queued on that row until each
 * commit (measured at 1M guests: about 7 of 10 backends waiting on it during ingest). Each
 * organisation now has up to 16 rows, one per "shard" picked from the writing session's backend
 * pid, summed on read (O(shards)). Rebuilds write shard 0 only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table guest_stats add column shard smallint not null default 0;
    alter table guest_stats drop constraint guest_stats_pkey;
    alter table guest_stats add primary key (org_id, shard);
    alter table guest_kpi_stats add column shard smallint not null default 0;
    alter table guest_kpi_stats drop constraint guest_kpi_stats_pkey;
    alter table guest_kpi_stats add primary key (org_id, shard);

    create function guest_counter_shard() returns smallint language sql volatile as $f$
      select (pg_backend_pid() % 16)::smallint
    $f$;

    create or replace function guest_stats_trg() returns trigger language plpgsql as $f$
    begin
      if tg_op = 'INSERT' then
        insert into guest_stats as s (org_id, shard, guest_count)
          select org_id, guest_counter_shard(), count(*) from new_rows group by org_id
          on conflict (org_id, shard) do update set guest_count = s.guest_count + excluded.guest_count;
      else
        insert into guest_stats as s (org_id, shard, guest_count)
          select org_id, guest_counter_shard(), -count(*) from old_rows group by org_id
          on conflict (org_id, shard) do update set guest_count = s.guest_count + excluded.guest_count;
      end if;
      return null;
    end
    $f$;

    create or replace function guest_kpi_stats_add() returns trigger language plpgsql as $f$
    declare
      k smallint := guest_counter_shard();
    begin
      if TG_OP in ('UPDATE', 'DELETE') then
        insert into guest_kpi_stats as s (org_id, shard, guests, returning_guests, bookings, revenue, consenting)
        select org_id, k, -count(*), -count(*) filter (where booking_count >= 2), -sum(booking_count),
               -sum(revenue), -count(*) filter (where marketing_consent)
          from old_rows group by org_id
        on conflict (org_id, shard) do update set
          guests = s.guests + excluded.guests,
          returning_guests = s.returning_guests + excluded.returning_guests,
          bookings = s.bookings + excluded.bookings,
          revenue = s.revenue + excluded.revenue,
          consenting = s.consenting + excluded.consenting;
      end if;
      if TG_OP in ('UPDATE', 'INSERT') then
        insert into guest_kpi_stats as s (org_id, shard, guests, returning_guests, bookings, revenue, consenting)
        select org_id, k, count(*), count(*) filter (where booking_count >= 2), sum(booking_count),
               sum(revenue), count(*) filter (where marketing_consent)
          from new_rows group by org_id
        on conflict (org_id, shard) do update set
          guests = s.guests + excluded.guests,
          returning_guests = s.returning_guests + excluded.returning_guests,
          bookings = s.bookings + excluded.bookings,
          revenue = s.revenue + excluded.revenue,
          consenting = s.consenting + excluded.consenting;
      end if;
      return null;
    end
    $f$;

    create or replace function guest_kpi_stats_rebuild(p_org text) returns void language sql as $f$
      delete from guest_kpi_stats where org_id = p_org;
      insert into guest_kpi_stats (org_id, shard, guests, returning_guests, bookings, revenue, consenting)
      select p_org, 0, count(*), count(*) filter (where booking_count >= 2), coalesce(sum(booking_count), 0),
             coalesce(sum(revenue), 0), count(*) filter (where marketing_consent)
        from guest where org_id = p_org;
    $f$;
  `.execute(db);
}
