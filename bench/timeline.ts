/**
 * Guest timeline (issue 16 point 5, SPEC M-1): latency of GET /api/v1/guests/{id}/timeline for one
 * guest with 1,000 events among N seeded guests (target: p99 ≤ 50 ms at 1,000,000 guests).
 *
 *   npm run bench -- --only timeline [--guests N] [--engine postgres|embedded] [--calls K]
 *   (defaults: 100,000 guests, PostgreSQL, 500 calls per case; --prepare: seed and plant, no measurement)
 *
 * The database (clientela_bench_timeline_N, or bench/.data/timeline-N for the embedded engine) is
 * seeded once with `clientela seed --guests N` and reused. One guest gets 1,000 events spread over the
 * timeline's tables (bookings with their change audit, contact-form threads with messages, outbox
 * e-mails, consent changes, profile changes), 50 other guests as many and every 10th other guest 11
 * (noise in the same indexes).
 * Each case (first page, a page deep in the cursor, a kind filter) is timed twice: `guestTimeline`
 * in process, then through HTTP against a production server process. CPU time per call is the
 * client's plus the server's (PostgreSQL: plus the database backends'); load averages are read
 * before and after. Appends one section to BENCHMARKS.md.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { Ctx } from '../src/core/context.ts';
import { loadConfig } from '../src/config/config.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import type { DB } from '../src/db/schema.ts';
import { guestTimeline } from '../src/modules/timeline/timeline.service.ts';
import { cli, startServer } from './processes.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const N = Number(arg('guests') ?? 100_000);
const CALLS = Number(arg('calls') ?? 500);
const ENGINE = arg('engine') === 'embedded' ? 'embedded' : 'postgres';
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `clientela_bench_timeline_${N}`;
const PG_URL = PG_ADMIN.replace(/\/[^/]*$/, `/${DB_NAME}`);
const DATA = `bench/.data/timeline-${N}`;
const BENCH_KEY = Buffer.from('clientela-bench-encryption-key!!').toString('base64');
const env: Record<string, string> =
  ENGINE === 'embedded'
    ? { CLIENTELA_DATA_DIR: DATA, CLIENTELA_ENCRYPTION_KEY: BENCH_KEY }
    : { DATABASE_URL: PG_URL, CLIENTELA_DATA_DIR: `${DATA}-pg`, CLIENTELA_ENCRYPTION_KEY: BENCH_KEY };

/** The database as the server opens it (same engine options). */
const open = () => openDatabase(loadConfig({ ...process.env, ...env }).database);

/** CPU seconds (user + system) of a local process, from /proc. */
function cpuOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

/** The database backends serving the bench database (PostgreSQL only; PGlite runs inside the process). */
async function backendCpu(): Promise<number> {
  if (ENGINE === 'embedded') return 0;
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  const r = await c.query<{ pid: number }>(`select pid from pg_stat_activity where datname = $1`, [DB_NAME]);
  await c.end();
  return r.rows.reduce((s, { pid }) => s + cpuOf(pid), 0);
}

async function prepare(): Promise<void> {
  if (ENGINE === 'embedded') mkdirSync(DATA, { recursive: true });
  else {
    const c = new pg.Client({ connectionString: PG_ADMIN });
    await c.connect();
    const exists = await c.query(`select 1 from pg_database where datname = $1`, [DB_NAME]);
    if (!exists.rowCount) await c.query(`create database ${DB_NAME}`);
    await c.query(`alter database ${DB_NAME} set jit = off`);
    await c.end();
  }
  cli(env, 'migrate');
  let database = await open();
  const hasOrg = await database.system.selectFrom('organisation').select('id').executeTakeFirst();
  await database.close();
  if (!hasOrg) cli(env, 'org', 'create', '--name', 'Hotel Timeline', '--owner-email', 'owner@timeline.bench', '--json');
  console.error(`seeding up to ${N} guests (reused when present)…`);
  console.error(cli(env, 'seed', '--guests', String(N)).trim().split('\n').pop());
  database = await open();
  try {
    const db = database.system;
    const planted = await sql`select 1 from booking where id = 'bkg_tl_b0_1'`.execute(db);
    if (planted.rows.length === 0) await plant(db);
  } finally {
    await database.close();
  }
}

/**
 * The first 51 guests (by id) get 1,000 events each: 200 booking (100 made, 100 changed), 50 form,
 * 200 message, 200 e-mail, 150 consent, 200 change. Every 10th other guest gets 11 (a booking and
 * its change, a thread with 4 messages, 2 e-mails, a consent, a profile change), so the tables are
 * as large as the guest count makes them, as the planner would see them in a real hotel.
 */
async function plant(db: Kysely<DB>): Promise<void> {
  const org = (await db.selectFrom('organisation').select('id').executeTakeFirstOrThrow()).id;
  const property = (await db.selectFrom('property').select('id').where('orgId', '=', org).executeTakeFirstOrThrow()).id;
  const rt = 'rmt_tl_bench';
  await db
    .insertInto('roomType')
    .values({
      orgId: org,
      id: rt,
      propertyId: property,
      name: 'Timeline double',
      capacity: 2,
      nightlyPrice: 100,
      roomCount: 100,
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .execute();
  console.error('planting events: 1,000 on each of 51 guests, 11 on every 10th other guest…');
  await sql`create table tl_bench_plan as
    select id as guest, 'b' || (n - 1) as p, heavy,
           case when heavy then 100 else 1 end as nb, case when heavy then 50 else 1 end as nt,
           case when heavy then 200 else 2 end as ne, case when heavy then 150 else 1 end as nc,
           case when heavy then 200 else 1 end as nh
      from (select id, row_number() over (order by id) as n, row_number() over (order by id) <= 51 as heavy
              from guest where org_id = ${org}) g
     where heavy or n % 10 = 0`.execute(db);
  const steps = [
    sql`insert into booking (org_id, id, reference, property_id, room_type_id, customer_id, check_in, check_out,
        total, source, created_by_type, created_at, updated_at)
      select ${org}, 'bkg_tl_' || p || '_' || i, 'TL' || p || 'X' || i, ${property}, ${rt}, guest,
        date '2020-01-01' + i, date '2020-01-03' + i, 100, 'api', 'system', now() - (i || ' hours')::interval, now()
      from tl_bench_plan, generate_series(1, nb) i`,
    sql`insert into booking_guest (org_id, booking_id, guest_id, role)
      select ${org}, 'bkg_tl_' || p || '_' || i, guest, 'customer' from tl_bench_plan, generate_series(1, nb) i`,
    sql`insert into audit_log (org_id, id, actor_type, action, entity_type, entity_id, data, created_at)
      select ${org}, 'aud_tl_' || p || '_' || i, 'system', 'booking.updated', 'booking', 'bkg_tl_' || p || '_' || i,
        '{}'::jsonb, now() - (i || ' hours')::interval + interval '5 minutes'
      from tl_bench_plan, generate_series(1, nb) i`,
    sql`insert into thread (org_id, id, guest_id, subject, origin, reply_token, created_at, last_activity_at)
      select ${org}, 'thr_tl_' || p || '_' || i, guest, 'Question ' || i, 'contact_form', 'tok_tl_' || p || '_' || i,
        now() - (i * 3 || ' hours')::interval, now()
      from tl_bench_plan, generate_series(1, nt) i`,
    sql`insert into thread_message (org_id, id, thread_id, direction, body, author_type, created_at)
      select ${org}, 'msg_tl_' || p || '_' || i || '_' || k, 'thr_tl_' || p || '_' || i,
        (array['in','out','in','note'])[k], 'Message ' || k || ' of thread ' || i, 'system',
        now() - (i * 3 || ' hours')::interval + (k || ' minutes')::interval
      from tl_bench_plan, generate_series(1, nt) i, generate_series(1, 4) k`,
    sql`insert into email_message (org_id, id, event, to_address, language, subject, body_text, status, guest_id, created_at, updated_at)
      select ${org}, 'eml_tl_' || p || '_' || i, 'booking.confirmation', 'guest@example.org', 'en', 'Your booking ' || i,
        'Body', 'sent', guest, now() - (i * 2 || ' hours')::interval, now()
      from tl_bench_plan, generate_series(1, ne) i`,
    sql`insert into guest_consent (org_id, id, guest_id, subject_guest_id, channel, purpose, status, at, source)
      select ${org}, 'cns_tl_' || p || '_' || i, guest, guest, 'email', 'marketing',
        case when i % 2 = 0 then 'granted' else 'withdrawn' end, now() - (i * 5 || ' hours')::interval, 'staff'
      from tl_bench_plan, generate_series(1, nc) i`,
    sql`insert into guest_history (org_id, id, guest_id, actor_type, field, old_value, new_value, created_at)
      select ${org}, 'hst_tl_' || p || '_' || i, guest, 'system', 'language', '"en"'::jsonb, '"fr"'::jsonb,
        now() - (i * 4 || ' hours')::interval
      from tl_bench_plan, generate_series(1, nh) i`,
    sql`drop table tl_bench_plan`,
    // As autovacuum would leave them: statistics, and the visibility map for index-only scans.
    sql`vacuum analyze`,
  ];
  for (const step of steps) await step.execute(db);
}

interface Page {
  items: unknown[];
  nextCursor: string | null;
}
type Fetch = (q: { limit: number; cursor?: string; kind?: string }) => Promise<Page>;

/** The three cases, each warmed up then timed CALLS times: quantiles and CPU ms per call. */
async function measure(mode: string, fetchPage: Fetch, serverPid: number | null): Promise<string[]> {
  let total = 0;
  let cursor: string | undefined;
  const cursors: string[] = [];
  do {
    const page = await fetchPage({ limit: 200, ...(cursor ? { cursor } : {}) });
    total += page.items.length;
    cursor = page.nextCursor ?? undefined;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  if (total !== 1000) throw new Error(`the guest has ${total} events, not 1,000`);
  const cases: [string, () => Promise<unknown>][] = [
    ['first page (50)', () => fetchPage({ limit: 50 })],
    ['deep page (50, after 600 events)', () => fetchPage({ limit: 50, cursor: cursors[2]! })],
    ['kind=message,email (50)', () => fetchPage({ limit: 50, kind: 'message,email' })],
  ];
  const lines: string[] = [];
  for (const [name, run] of cases) {
    for (let i = 0; i < 20; i++) await run();
    const cpu0 = process.cpuUsage();
    const server0 = serverPid ? cpuOf(serverPid) : 0;
    const backends0 = await backendCpu();
    const ms: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const s = performance.now();
      await run();
      ms.push(performance.now() - s);
    }
    const cpu1 = process.cpuUsage(cpu0);
    const cpuMs =
      ((cpu1.user + cpu1.system) / 1000 +
        ((serverPid ? cpuOf(serverPid) : 0) - server0 + (await backendCpu()) - backends0) * 1000) /
      CALLS;
    ms.sort((a, b) => a - b);
    const q = (f: number) => ms[Math.min(ms.length - 1, Math.ceil(ms.length * f) - 1)]!.toFixed(1);
    lines.push(
      `| ${mode} | ${name} | ${q(0.5)} | ${q(0.95)} | ${q(0.99)} | ${ms.at(-1)!.toFixed(1)} | ${cpuMs.toFixed(2)} |`,
    );
    console.error(lines.at(-1));
  }
  return lines;
}

const load0 = loadavg();
const started = Date.now();
await prepare();
// `--prepare`: seed and plant only (to start a large seed early and measure later).
if (args.includes('--prepare')) process.exit(0);
const lines: string[] = [];
let guest = '';
const database: Database = await open();
try {
  const org = (await database.system.selectFrom('organisation').select('id').executeTakeFirstOrThrow()).id;
  guest = (
    await sql<{ id: string }>`select id from guest where org_id = ${org} order by id limit 1`.execute(database.system)
  ).rows[0]!.id;
  const ctx: Ctx = {
    db: database.forOrg(org),
    orgId: org,
    actor: { actorType: 'system', actorId: 'bench' },
    requestId: null,
    permissions: 'system',
  };
  const kinds = (k?: string) => (k ? { kind: k.split(',') as ('message' | 'email')[] } : {});
  lines.push(
    ...(await measure(
      'in process',
      ({ limit, cursor, kind }) =>
        guestTimeline(ctx, { all: true }, guest, { limit, ...(cursor ? { cursor } : {}), ...kinds(kind) }),
      null,
    )),
  );
} finally {
  // The embedded engine has one process at a time: closed before the server opens it.
  await database.close();
}
const key = JSON.parse(
  cli(env, 'api-key', 'create', '--name', `timeline ${Date.now()}`, '--scopes', 'admin', '--json'),
) as {
  secret: string;
};
const port = ENGINE === 'embedded' ? 3931 : 3932;
const server = await startServer(env, port);
try {
  lines.push(
    ...(await measure(
      'HTTP',
      async ({ limit, cursor, kind }) => {
        const qs = new URLSearchParams({
          limit: String(limit),
          ...(cursor ? { cursor } : {}),
          ...(kind ? { kind } : {}),
        });
        const r = await fetch(`http://127.0.0.1:${port}/api/v1/guests/${guest}/timeline?${qs.toString()}`, {
          headers: { authorization: `Bearer ${key.secret}` },
        });
        const body = await r.text();
        if (!r.ok) throw new Error(`GET timeline: ${r.status} ${body.slice(0, 300)}`);
        return JSON.parse(body) as Page;
      },
      server.pid ?? null,
    )),
  );
} finally {
  await new Promise<void>((resolve) => {
    server.once('exit', () => resolve());
    server.kill('SIGTERM');
  });
}
const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
const section = [
  '',
  `### Guest timeline at ${N.toLocaleString('en')} guests, ${ENGINE} — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  '',
  `\`npm run bench -- --only timeline --guests ${N}${ENGINE === 'embedded' ? ' --engine embedded' : ''}\` (bench/timeline.ts): one guest with 1,000 timeline events (50 more with as many, every 10th other guest 11), ${CALLS} calls per case, one client, in process (\`guestTimeline\`) then through HTTP (production server process). ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; load average before ${fmtLoad(load0)}, after ${fmtLoad(loadavg())} (machine shared with other work); ${((Date.now() - started) / 1000).toFixed(0)} s including seeding. CPU ms/call = client + server${ENGINE === 'postgres' ? ' + PostgreSQL backends' : ''} (user + system) over the timed calls. Target p99 ≤ 50 ms.`,
  '',
  '| mode | call | p50 ms | p95 ms | p99 ms | max ms | CPU ms/call |',
  '|---|---|---:|---:|---:|---:|---:|',
  ...lines,
  '',
].join('\n');
appendFileSync('BENCHMARKS.md', section);
console.log(section);
