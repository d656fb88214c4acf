import { sql, type Kysely } from 'kysely';

/**
 * The guest's cached marketing consent (`guest.marketing_consent`, the latest email + marketing
 * record of the ledger) is refreshed once per INSERT statement for the guests of the new records,
 * instead of once per record (issue 13: an import writes hundreds of consent records per batch;
 * the row trigger cost ≈ 0.5 ms each, most of the ledger insert). Same stored result: a row
 * trigger AFTER INSERT fires at the end of the statement too, when every record is there. Moving a
 * record to another guest (a merge's UPDATE of guest_id) keeps the row trigger.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- By primary key with an array (never a join the planner could turn into a scan of every guest).
    create function guest_consent_cache_ins_trg() returns trigger language plpgsql as $f$
    declare org text; ids text[];
    begin
      for org, ids in select n.org_id, array_agg(distinct n.guest_id) from new_rows n group by n.org_id loop
        update guest g set marketing_consent = guest_marketing_consent(g.org_id, g.id)
         where g.org_id = org and g.id = any(ids)
           and g.marketing_consent is distinct from guest_marketing_consent(g.org_id, g.id);
      end loop;
      return null;
    end
    $f$;
    drop trigger guest_consent_cache on guest_consent;
    create trigger guest_consent_cache after update of guest_id on guest_consent
      for each row execute function guest_consent_cache_trg();
    create trigger guest_consent_cache_ins after insert on guest_consent
      referencing new table as new_rows for each statement execute function guest_consent_cache_ins_trg();
  `.execute(db);
}
