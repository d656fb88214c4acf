import { sql, type Kysely } from 'kysely';

/**
 * Merging guest profiles and undoing a merge (SPEC I-5), see docs/guide/merging.md.
 *
 * - `guest_merge`: one row per merge. `snapshot` holds every merged-away profile as it was (row,
 *   e-mails, phones, addresses) and the survivor's state before the merge; `moves` holds the ids
 *   of everything that moved to the survivor (booking links, notes, history entries, identity
 *   decisions, duplicate pairs, added list items), so an undo gives back exactly what was theirs
 *   and leaves what arrived later with the survivor.
 * - Merged-away guest rows are deleted (and re-inserted with the same ids on undo): the guest
 *   list, search and KPI counters never have to skip hidden rows at a million guests.
 * - `guest_alias`: old id → survivor, so links to a merged-away profile still lead somewhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table guest_merge (
      org_id text not null references organisation (id),
      id text not null,
      survivor_id text not null,
      merged_ids text[] not null,
      merged_names text[] not null,
      choices jsonb not null default '{}'::jsonb,
      snapshot jsonb not null,
      moves jsonb not null,
      created_at timestamptz not null default now(),
      created_by_type text not null,
      created_by_id text,
      created_by_name text,
      undone_at timestamptz,
      undone_by_type text,
      undone_by_id text,
      undone_by_name text,
      primary key (org_id, id)
    );
    create index guest_merge_survivor_idx on guest_merge (org_id, survivor_id, created_at desc, id desc);
    create index guest_merge_merged_idx on guest_merge using gin (merged_ids);
    create index guest_merge_created_idx on guest_merge (org_id, created_at desc, id desc);

    create table guest_alias (
      org_id text not null references organisation (id),
      old_id text not null,
      survivor_id text not null,
      merge_id text not null,
      created_at timestamptz not null default now(),
      primary key (org_id, old_id),
      foreign key (org_id, merge_id) references guest_merge (org_id, id)
    );
    create index guest_alias_merge_idx on guest_alias (org_id, merge_id);
  `.execute(db);
}
