import { sql, type Kysely } from 'kysely';

/**
 * The default groups receive real guests (issue 11 point 22): Visitor (no booking yet), Guest
 * (booked, no customer account), Customer (has an open customer account). `guest_with_system_group`
 * is the one rule: the guest's group ids without any default group, plus the one it belongs in.
 * Bookings count when the guest is their customer and they are not cancelled (as booking_count);
 * a cancelled account does not count. A staff choice sticks (`system_group_manual`). New guests get
 * theirs on insert (trigger); later changes go through `refreshGuestSystemGroups` and the booking
 * stats refresh (src/modules/guests/guest-system-groups.ts). Existing guests are backfilled here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table guest add column system_group_manual boolean not null default false;

    create function guest_with_system_group(p_org text, p_guest text, p_group_ids text[])
      returns text[] language sql stable as $f$
      select array(
               select x from unnest(p_group_ids) with ordinality u(x, i)
                where not exists (select 1 from guest_group s
                                   where s.org_id = p_org and s.id = u.x and s.system_kind is not null)
                order by i)
          || array(
               select s.id from guest_group s
                where s.org_id = p_org
                  and s.system_kind = case
                    when exists (select 1 from customer_account a
                                  where a.org_id = p_org and a.guest_id = p_guest and a.status <> 'cancelled')
                      then 'customer'
                    when exists (select 1 from booking b
                                  where b.org_id = p_org and b.customer_id = p_guest and b.status <> 'cancelled')
                      then 'guest'
                    else 'visitor' end
                order by s.id
                limit 1)
    $f$;

    -- A new row already naming a default group (a restored merge snapshot) keeps it; the next
    -- refresh puts it right.
    create function guest_system_group_before_insert_trg() returns trigger language plpgsql as $f$
    begin
      if not new.system_group_manual and not exists (
          select 1 from guest_group s
           where s.org_id = new.org_id and s.id = any(new.group_ids) and s.system_kind is not null) then
        new.group_ids := guest_with_system_group(new.org_id, new.id, new.group_ids);
      end if;
      return new;
    end
    $f$;
    create trigger guest_system_group_before_ins before insert on guest
      for each row execute function guest_system_group_before_insert_trg();
  `.execute(db);
  await backfillGuestSystemGroups(db);
}

/** Puts every automatically grouped guest in its default group (the migration's backfill; tests call it too). */
export async function backfillGuestSystemGroups(db: Kysely<unknown>): Promise<void> {
  await sql`
    update guest g
       set group_ids = guest_with_system_group(g.org_id, g.id, g.group_ids)
     where not g.system_group_manual
       and g.group_ids is distinct from guest_with_system_group(g.org_id, g.id, g.group_ids)
  `.execute(db);
}
