import { sql, type Kysely } from 'kysely';

/** Organisations, properties, staff, sessions, API keys, audit log, login throttle, jobs. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists pg_trgm;
    create extension if not exists unaccent;

    create table organisation (
      id text primary key,
      name text not null,
      settings jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    );

    -- Every tenant table: org_id first in the primary key and in every foreign key, so the
    -- schema can be distributed by org_id (e.g. Citus) without changing a query.
    create table property (
      org_id text not null references organisation (id),
      id text not null,
      name text not null,
      timezone text not null default 'Europe/Madrid',
      currency text not null default 'EUR',
      created_at timestamptz not null default now(),
      primary key (org_id, id)
    );

    create table staff_user (
      org_id text not null references organisation (id),
      id text not null,
      email text not null,
      name text not null,
      password_hash text not null,
      role text not null check (role in ('owner', 'manager', 'reception', 'marketing', 'read_only')),
      language text not null default 'en' check (language in ('en', 'es', 'fr')),
      property_ids text[],
      active boolean not null default true,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      last_login_at timestamptz,
      primary key (org_id, id)
    );
    -- Staff sign in with an e-mail alone, so it is unique across the installation.
    create unique index staff_user_email_key on staff_user (lower(email));

    create table staff_session (
      org_id text not null,
      id text not null,
      staff_id text not null,
      csrf_token text not null,
      ip text,
      user_agent text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      primary key (org_id, id),
      foreign key (org_id, staff_id) references staff_user (org_id, id) on delete cascade
    );
    create unique index staff_session_token_key on staff_session (id);

    create table api_key (
      org_id text not null references organisation (id),
      id text not null,
      name text not null,
      scopes text[] not null,
      prefix text not null,
      secret_hash text not null,
      created_by text,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      primary key (org_id, id)
    );
    create unique index api_key_id_key on api_key (id);

    create table audit_log (
      org_id text not null references organisation (id),
      id text not null,
      actor_type text not null,
      actor_id text,
      action text not null,
      entity_type text not null,
      entity_id text,
      data jsonb not null default '{}'::jsonb,
      request_id text,
      created_at timestamptz not null default now(),
      primary key (org_id, id)
    );
    create index audit_log_entity_idx on audit_log (org_id, entity_type, entity_id, created_at desc);

    create table login_throttle (
      key text primary key,
      failures integer not null default 0,
      window_start timestamptz not null default now(),
      blocked_until timestamptz
    );

    -- Background jobs (docs/decisions/0005-job-queue.md): claimed with FOR UPDATE SKIP LOCKED.
    create table job (
      id text primary key,
      org_id text,
      name text not null,
      payload jsonb not null default '{}'::jsonb,
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 5,
      locked_at timestamptz,
      locked_by text,
      last_error text,
      progress jsonb,
      result jsonb,
      dedupe_key text,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index job_ready_idx on job (run_at) where status = 'queued';
    create index job_running_idx on job (locked_at) where status = 'running';
    create unique index job_dedupe_key on job (name, dedupe_key)
      where dedupe_key is not null and status in ('queued', 'running');
  `.execute(db);
}
