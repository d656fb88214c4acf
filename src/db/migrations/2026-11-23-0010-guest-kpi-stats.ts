import { sql, type Kysely } from 'kysely';

/**
 * Running KPI totals per organisation (G-8): guests, returning guests (2+ bookings), bookings,
 * revenue and consenting guests. Statement-level triggers with transition tables keep them in
 * the writing transaction (one upsert per statement, however many rows), so the KPI totals are
 * O(1) at a million guests instead of a full scan. Bulk loaders that disable triggers call
 * `guest_kpi_stats_rebuild(org)` afterwards.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table guest_kpi_stats (
      org_id text not null references organisation (id),
      guests bigint not null default 0,
      returning_guests bigint not null default 0,
      bookings bigint not null default 0,
      revenue numeric(18, 2) not null default 0,
      consenting bigint not null default 0,
      primary key (org_id)
    );

    create function guest_kpi_stats_add() returns trigger language plpgsql as $f$
    begin
      if TG_OP in ('UPDATE', 'DELETE') then
        insert into guest_kpi_stats as s (org_id, guests, returning_guests, bookings, revenue, consenting)
        select org_id, -count(*), -count(*) filter (where booking_count >= 2), -sum(booking_count),
               -sum(revenue), -count(*) filter (where marketing_consent)
          from old_rows group by org_id
        on conflict (org_id) do update set
          guests = s.guests + excluded.guests,
          returning_guests = s.returning_guests + excluded.returning_guests,
          bookings = s.bookings + excluded.bookings,
          revenue = s.revenue + excluded.revenue,
          consenting = s.consenting + excluded.consenting;
      end if;
      if TG_OP in ('UPDATE', 'INSERT') then
        insert into guest_kpi_stats as s (org_id, guests, returning_guests, bookings, revenue, consenting)
        select org_id, count(*), count(*) filter (where booking_count >= 2), sum(booking_count),
               sum(revenue), count(*) filter (where marketing_consent)
          from new_rows group by org_id
        on conflict (org_id) do update set
          guests = s.guests + excluded.guests,
          returning_guests = s.returning_guests + excluded.returning_guests,
          bookings = s.bookings + excluded.bookings,
          revenue = s.revenue + excluded.revenue,
          consenting = s.consenting + excluded.consenting;
      end if;
      return null;
    end
    $f$;

    create trigger guest_kpi_stats_insert after insert on guest
      referencing new table as new_rows for each statement execute function guest_kpi_stats_add();
    create trigger guest_kpi_stats_update after update on guest
      referencing old table as old_rows new table as new_rows for each statement execute function guest_kpi_stats_add();
    create trigger guest_kpi_stats_delete after delete on guest
      referencing old table as old_rows for each statement execute function guest_kpi_stats_add();

    -- Recounts one organisation from scratch (after a bulk load with triggers off).
    create function guest_kpi_stats_rebuild(p_org text) returns void language sql as $f$
      insert into guest_kpi_stats as s (org_id, guests, returning_guests, bookings, revenue, consenting)
      select p_org, count(*), count(*) filter (where booking_count >= 2), coalesce(sum(booking_count), 0),
             coalesce(sum(revenue), 0), count(*) filter (where marketing_consent)
        from guest where org_id = p_org
      on conflict (org_id) do update set
        guests = excluded.guests, returning_guests = excluded.returning_guests, bookings = excluded.bookings,
        revenue = excluded.revenue, consenting = excluded.consenting;
    $f$;

    select guest_kpi_stats_rebuild(id) from organisation;
  `.execute(db);
}
