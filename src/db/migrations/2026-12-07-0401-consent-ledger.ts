import { sql, type Kysely } from 'kysely';

/**
 * The consent ledger (SPEC P-4, issue 12 point 4).
 * - `guest_consent`: one append-only row per consent change (channel, purpose, granted/withdrawn,
 *   when, source, the wording shown, who, the IP for the site and the customer area). Rows are
 *   never updated except `guest_id`, which a merge points at the surviving profile (and an undo
 *   points back); `subject_guest_id` keeps the profile the record was made for.
 * - `consent_purpose`: the purposes an organisation adds to the built-in `marketing`, names per language.
 * - `consent_wording`: versioned consent wording per language and purpose; a record copies the text
 *   and version it showed, so it stays proof even if the wording changes.
 * - `guest.marketing_consent` becomes a cache of the ledger: true when the latest `email` +
 *   `marketing` record is `granted`. The ledger's trigger keeps it, and a deferred constraint
 *   trigger refuses at commit any guest row whose cache differs from the ledger, so no code path can
 *   change the consent without a record.
 * Existing consenting guests get one `granted` record marked `migrated`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table consent_purpose (
      org_id text not null references organisation(id) on delete cascade,
      key text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$' and key <> 'marketing'),
      names jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now(),
      primary key (org_id, key)
    );

    create table consent_wording (
      org_id text not null references organisation(id) on delete cascade,
      id text not null,
      purpose text not null default 'marketing',
      language text not null,
      version integer not null check (version > 0),
      text text not null check (length(text) between 1 and 4000),
      created_at timestamptz not null default now(),
      created_by_type text,
      created_by_id text,
      primary key (org_id, id),
      unique (org_id, purpose, language, version)
    );

    create table guest_consent (
      org_id text not null,
      id text not null,
      guest_id text not null,
      subject_guest_id text not null,
      channel text not null check (channel in ('email', 'sms', 'phone', 'post')),
      purpose text not null,
      status text not null check (status in ('granted', 'withdrawn')),
      at timestamptz not null default now(),
      source text not null check (source in ('booking_site', 'account', 'staff', 'import', 'api')),
      wording_version integer,
      wording_language text,
      wording_text text check (length(wording_text) <= 4000),
      actor_type text,
      actor_id text,
      ip text,
      reference text check (length(reference) <= 500),
      migrated boolean not null default false,
      created_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, guest_id) references guest(org_id, id) on delete cascade
    );
    create index guest_consent_guest_idx on guest_consent (org_id, guest_id, at desc, id desc);

    -- The one rule: consent to marketing (newsletter) e-mail is the latest email + marketing record.
    create function guest_marketing_consent(p_org text, p_guest text) returns boolean language sql stable as $f$
      select coalesce((select c.status = 'granted' from guest_consent c
                        where c.org_id = p_org and c.guest_id = p_guest
                          and c.channel = 'email' and c.purpose = 'marketing'
                        order by c.at desc, c.created_at desc, c.id desc limit 1), false)
    $f$;

    create function guest_consent_cache_trg() returns trigger language plpgsql as $f$
    begin
      update guest g set marketing_consent = guest_marketing_consent(g.org_id, g.id)
       where g.org_id = new.org_id
         and (g.id = new.guest_id or (tg_op = 'UPDATE' and g.id = old.guest_id))
         and g.marketing_consent is distinct from guest_marketing_consent(g.org_id, g.id);
      return null;
    end
    $f$;
    create trigger guest_consent_cache after insert or update of guest_id on guest_consent
      for each row execute function guest_consent_cache_trg();

    -- Checked at commit: a guest row whose consent cache differs from its ledger was changed without a record.
    create function guest_consent_check_trg() returns trigger language plpgsql as $f$
    declare cached boolean;
    begin
      select g.marketing_consent into cached from guest g where g.org_id = new.org_id and g.id = new.id;
      if found and cached is distinct from guest_marketing_consent(new.org_id, new.id) then
        raise exception 'marketing consent of guest % changed without a consent record', new.id
          using errcode = '23514', constraint = 'guest_consent_ledger';
      end if;
      return null;
    end
    $f$;
    create constraint trigger guest_consent_ledger_ins after insert on guest
      deferrable initially deferred for each row when (new.marketing_consent)
      execute function guest_consent_check_trg();
    create constraint trigger guest_consent_ledger_upd after update of marketing_consent on guest
      deferrable initially deferred for each row
      when (old.marketing_consent is distinct from new.marketing_consent)
      execute function guest_consent_check_trg();
  `.execute(db);
  await backfillConsentLedger(db);
}

/**
 * Existing consent becomes the ledger's first record: each consenting guest without records gets
 * one `granted` e-mail marketing record at its creation, `migrated`, source `import` for imported
 * profiles and `staff` for the others (the checkbox was set by staff, a booking or an import; the
 * old data cannot tell which wording was shown, so none is recorded). Tests call it too.
 */
export async function backfillConsentLedger(db: Kysely<unknown>): Promise<void> {
  await sql`
    insert into guest_consent (org_id, id, guest_id, subject_guest_id, channel, purpose, status, at, source,
                               actor_type, migrated)
    select g.org_id, 'cns_m' || g.id, g.id, g.id, 'email', 'marketing', 'granted', g.created_at,
           case when g.source = 'import' then 'import' else 'staff' end, 'system', true
      from guest g
     where g.marketing_consent
       and not exists (select 1 from guest_consent c where c.org_id = g.org_id and c.guest_id = g.id)
    on conflict do nothing
  `.execute(db);
}
