/**
 * Guest timeline (issue 16 point 5, SPEC M-1): latency of the timeline query for one guest with
 * 1,000 events among N seeded guests (target: p99 ≤ 50 ms), on PostgreSQL.
 *
 *   npm run bench -- --only timeline [--guests N]     (default: 100,000 guests)
 *
 * Builds the database clientela_bench_timeline_N with `clientela seed --guests N`, then gives one
 * guest 1,000 events spread over the timeline's tables (bookings with their change audit, threads
 * with messages, outbox e-mails, consent changes, profile changes) and as many events to 50 other
 * guests (noise in the same indexes). Times `guestTimeline` (the route's service, in process:
 * no HTTP) for the first page, pages deep in the cursor, and a kind filter. Appends to BENCHMARKS.md.
 */
import { appendFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import type { Ctx } from '../src/core/context.ts';
import { openDatabase } from '../src/db/database.ts';
import { guestTimeline } from '../src/modules/timeline/timeline.service.ts';
import { cli } from './processes.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const N = Number(arg('guests') ?? 100_000);
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `clientela_bench_timeline_${N}`;
const PG_URL = PG_ADMIN.replace(/\/[^/]*$/, `/${DB_NAME}`);
const BENCH_KEY = Buffer.from('clientela-bench-encryption-key!!').toString('base64');
const env = { DATABASE_URL: PG_URL, CLIENTELA_ENCRYPTION_KEY: BENCH_KEY };

async function admin(text: string) {
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  await c.query(text);
  await c.end();
}

await admin(`drop database if exists ${DB_NAME} with (force)`);
await admin(`create database ${DB_NAME}`);
await admin(`alter database ${DB_NAME} set jit = off`);
cli(env, 'org', 'create', '--name', 'Hotel Timeline', '--owner-email', 'owner@timeline.bench', '--json');
console.error(`seeding ${N} guests…`);
cli(env, 'seed', '--guests', String(N));

const database = await openDatabase({ kind: 'postgres', url: PG_URL, poolSize: 2 });
try {
  const org = (await database.system.selectFrom('organisation').select('id').executeTakeFirstOrThrow()).id;
  const db = database.system;
  const guests = (
    await sql<{ id: string }>`select id from guest where org_id = ${org} order by id limit 51`.execute(db)
  ).rows.map((r) => r.id);
  const property = (await db.selectFrom('property').select('id').where('orgId', '=', org).executeTakeFirstOrThrow()).id;
  const rt = { property_id: property, id: 'rmt_tl_bench' };
  await db
    .insertInto('roomType')
    .values({
      orgId: org,
      id: rt.id,
      propertyId: property,
      name: 'Timeline double',
      capacity: 2,
      nightlyPrice: 100,
      roomCount: 100,
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .execute();
  console.error(`planting 1,000 events on each of ${guests.length} guests…`);
  for (const [g, guest] of guests.entries()) {
    const p = `b${g}`;
    // 100 bookings (made) + 100 changes (audit) = 200 booking events.
    await sql`insert into booking (org_id, id, reference, property_id, room_type_id, customer_id, check_in, check_out,
        total, source, created_by_type, created_at, updated_at)
      select ${org}, 'bkg_tl_' || ${p} || '_' || i, 'TL' || ${p} || 'X' || i, ${rt.property_id}, ${rt.id}, ${guest},
        date '2020-01-01' + i, date '2020-01-03' + i, 100, 'api', 'system',
        now() - (i || ' hours')::interval, now()
      from generate_series(1, 100) i`.execute(db);
    await sql`insert into booking_guest (org_id, booking_id, guest_id, role)
      select ${org}, 'bkg_tl_' || ${p} || '_' || i, ${guest}, 'customer' from generate_series(1, 100) i`.execute(db);
    await sql`insert into audit_log (org_id, id, actor_type, action, entity_type, entity_id, data, created_at)
      select ${org}, 'aud_tl_' || ${p} || '_' || i, 'system', 'booking.updated', 'booking', 'bkg_tl_' || ${p} || '_' || i,
        '{}'::jsonb, now() - (i || ' hours')::interval + interval '5 minutes'
      from generate_series(1, 100) i`.execute(db);
    // 50 contact-form threads × 4 messages = 50 form + 200 message events.
    await sql`insert into thread (org_id, id, guest_id, subject, origin, reply_token, created_at, last_activity_at)
      select ${org}, 'thr_tl_' || ${p} || '_' || i, ${guest}, 'Question ' || i, 'contact_form', 'tok_tl_' || ${p} || '_' || i,
        now() - (i * 3 || ' hours')::interval, now()
      from generate_series(1, 50) i`.execute(db);
    await sql`insert into thread_message (org_id, id, thread_id, direction, body, author_type, created_at)
      select ${org}, 'msg_tl_' || ${p} || '_' || i || '_' || k, 'thr_tl_' || ${p} || '_' || i,
        (array['in','out','in','note'])[k], 'Message ' || k || ' of thread ' || i, 'system',
        now() - (i * 3 || ' hours')::interval + (k || ' minutes')::interval
      from generate_series(1, 50) i, generate_series(1, 4) k`.execute(db);
    // 200 e-mails, 150 consent changes, 200 profile changes.
    await sql`insert into email_message (org_id, id, event, to_address, language, subject, body_text, status, guest_id, created_at, updated_at)
      select ${org}, 'eml_tl_' || ${p} || '_' || i, 'booking.confirmation', 'guest@example.org', 'en', 'Your booking ' || i,
        'Body', 'sent', ${guest}, now() - (i * 2 || ' hours')::interval, now()
      from generate_series(1, 200) i`.execute(db);
    await sql`insert into guest_consent (org_id, id, guest_id, subject_guest_id, channel, purpose, status, at, source)
      select ${org}, 'cns_tl_' || ${p} || '_' || i, ${guest}, ${guest}, 'email', 'marketing',
        case when i % 2 = 0 then 'granted' else 'withdrawn' end, now() - (i * 5 || ' hours')::interval, 'staff'
      from generate_series(1, 150) i`.execute(db);
    await sql`insert into guest_history (org_id, id, guest_id, actor_type, field, old_value, new_value, created_at)
      select ${org}, 'hst_tl_' || ${p} || '_' || i, ${guest}, 'system', 'language', '"en"'::jsonb, '"fr"'::jsonb,
        now() - (i * 4 || ' hours')::interval
      from generate_series(1, 200) i`.execute(db);
  }
  await sql`analyze`.execute(db);

  const ctx: Ctx = {
    db: database.forOrg(org),
    orgId: org,
    actor: { actorType: 'system', actorId: 'bench' },
    requestId: null,
    permissions: 'system',
  };
  const guest = guests[0]!;
  const viewer = { all: true } as const;
  const total = await (async () => {
    let n = 0;
    let cursor: string | undefined;
    const cursors: string[] = [];
    do {
      const page = await guestTimeline(ctx, viewer, guest, { limit: 200, ...(cursor ? { cursor } : {}) });
      n += page.items.length;
      cursor = page.nextCursor ?? undefined;
      if (cursor) cursors.push(cursor);
    } while (cursor);
    return { n, cursors };
  })();
  const cases: [string, () => Promise<unknown>][] = [
    ['first page (50)', () => guestTimeline(ctx, viewer, guest, { limit: 50 })],
    [
      'deep page (50, after 600 events)',
      () => guestTimeline(ctx, viewer, guest, { limit: 50, cursor: total.cursors[2]! }),
    ],
    ['kind=message,email (50)', () => guestTimeline(ctx, viewer, guest, { limit: 50, kind: ['message', 'email'] })],
  ];
  const lines: string[] = [];
  for (const [name, run] of cases) {
    for (let i = 0; i < 20; i++) await run();
    const ms: number[] = [];
    for (let i = 0; i < 500; i++) {
      const s = performance.now();
      await run();
      ms.push(performance.now() - s);
    }
    ms.sort((a, b) => a - b);
    const q = (f: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * f))]!.toFixed(1);
    lines.push(`| ${name} | ${q(0.5)} | ${q(0.95)} | ${q(0.99)} |`);
    console.error(lines.at(-1));
  }
  const section = [
    '',
    `## Guest timeline (issue 16 point 5) — ${new Date().toISOString().slice(0, 10)}`,
    '',
    `\`npm run bench -- --only timeline --guests ${N}\`: PostgreSQL, ${N.toLocaleString('en')} seeded guests; one guest with ${total.n} timeline events (and 50 more guests with as many), 500 calls each of \`guestTimeline\` in process (no HTTP). ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(1)} (machine shared with other work). Target p99 ≤ 50 ms.`,
    '',
    '| call | p50 ms | p95 ms | p99 ms |',
    '|---|---|---|---|',
    ...lines,
    '',
  ].join('\n');
  appendFileSync('BENCHMARKS.md', section);
  console.log(section);
} finally {
  await database.close();
}
