/**
 * Identity resolution under load, at 1,000,000 profiles on PostgreSQL (issue 4 targets: one booking
 * resolved p95 ≤ 20 ms through the API; ≥ 2,000 bookings/s ingest).
 *
 *   node --import tsx bench/identity-load.ts [--write] [--clients 8,16,32] [--seconds 20] [--single 300]
 *   npm run bench -- --only identity-load
 *
 * Uses the database clientela_bench_ingest (a copy of the 1M-guest bench database: the run adds
 * bookings and profiles to it; create it with `createdb -T clientela_bench clientela_bench_ingest`),
 * or BENCH_INGEST_URL. Starts a server on it, creates an API key, then measures through HTTP:
 *  (a) single-client latency of POST /api/v1/bookings for existing people (real profiles written
 *      differently: accents dropped, case, a nickname) and for new people;
 *  (b) ingest: C concurrent clients posting bookings (70 % existing, 30 % new people who come back
 *      several times) for S seconds → bookings/s, errors, and afterwards no duplicate profile;
 *  (b') batch ingest: C clients posting POST /api/v1/bookings/batch of B bookings (the same mix);
 *  Before each of (b) and (b'): ANALYZE of the tables the run grows and a CHECKPOINT (see `settle`).
 *  (c) where the server's time goes: the same booking code in this process against the same database
 *      (rolled back), every SQL statement timed.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Ctx } from '../src/core/context.ts';
import { parsers } from '../src/db/pglite-engine.mjs';
import type { DB } from '../src/db/schema.ts';
import { TenantScopePlugin } from '../src/db/tenant-scope.plugin.ts';
import { createBooking } from '../src/modules/bookings/index.ts';
import { CreateBookingBody } from '../src/modules/bookings/booking.schemas.ts';
import { resolvePerson } from '../src/modules/identity/index.ts';
import { NICKNAMES } from '../src/modules/identity/matching/nicknames.data.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const INGEST_URL = process.env.BENCH_INGEST_URL ?? 'postgres://postgres@127.0.0.1:5432/clientela_bench_ingest';

interface Guest {
  id: string;
  firstName: string;
  lastName: string;
  secondLastName?: string | null;
  email: string | null;
  phone: string | null;
  country?: string | null;
}
interface Person {
  firstName: string;
  lastName: string;
  secondLastName?: string;
  email?: string;
  phone?: string;
  country?: string;
}
/** A booking to send, with the profile it must land on when known. */
interface Job {
  person: Person;
  expect?: string;
  newKey?: string;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
const fold = (s: string) => stripAccents(s).toLowerCase().trim();
const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
};
/** CPU seconds (user + system) of a process, from /proc (Linux); 0 when unreadable. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}
/** The PostgreSQL backends serving one database (the server's pool). */
async function backendPids(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const r = await c.query(
    'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
  );
  await c.end();
  return r.rows.map((x) => x.pid as number);
}
/**
 * Before each measured phase: statistics of the tables the run grows brought up to date (what
 * autovacuum does on a production server; this machine's PostgreSQL runs with autovacuum off, and a
 * booking table planned as empty after tens of thousands of inserts made one run 4× slower), and a
 * checkpoint, so that no phase pays for the previous one's writes.
 */
async function settle(url: string, log: (m: string) => void): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  await c.query(`analyze booking, booking_guest, room_night, guest, guest_email, guest_phone, guest_history,
                         guest_search_token, audit_log, identity_decision, duplicate_candidate`);
  await c.query('checkpoint');
  await c.end();
  log(`analyze + checkpoint before the phase: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** CPU seconds of each backend serving the database now. */
async function backendCpu(url: string): Promise<Map<number, number>> {
  return new Map((await backendPids(url)).map((p) => [p, cpuSeconds(p)]));
}
/**
 * CPU the backends used since `before`: per backend alive now, counted from zero when it is new (a
 * pool closes idle connections: summing totals before and after would count theirs as negative).
 */
async function backendCpuSince(url: string, before: Map<number, number>): Promise<number> {
  let sum = 0;
  for (const [pid, now] of await backendCpu(url)) sum += now - (before.get(pid) ?? 0);
  return sum;
}
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

/** folded full name → first short form, from the product's nickname table. */
function nicknameMap(): Map<string, string> {
  const m = new Map<string, string>();
  for (const text of Object.values(NICKNAMES))
    for (const line of text.split('\n')) {
      const [full, shorts] = line.split('=');
      const first = shorts?.split(',')[0]?.trim();
      if (full?.trim() && first && !m.has(fold(full))) m.set(fold(full), first);
    }
  return m;
}

/** The same person written differently, as another channel would (the match must still be found). */
function variant(g: Guest, i: number, nick: Map<string, string>): Person {
  const base: Person = { firstName: g.firstName, lastName: g.lastName };
  if (g.secondLastName && i % 3 !== 0) base.secondLastName = g.secondLastName;
  const short = nick.get(fold(g.firstName));
  switch (i % 4) {
    case 0:
      base.firstName = stripAccents(g.firstName);
      base.lastName = stripAccents(g.lastName);
      break;
    case 1:
      base.firstName = g.firstName.toUpperCase();
      base.lastName = g.lastName.toUpperCase();
      break;
    case 2:
      if (short) base.firstName = short[0]!.toUpperCase() + short.slice(1);
      else base.lastName = g.lastName.toLowerCase();
      break;
    default:
      base.firstName = g.firstName.toLowerCase();
  }
  // Contact: the e-mail when there is one (often in another case), else the phone.
  if (g.email && (i % 5 !== 4 || !g.phone)) base.email = i % 2 ? g.email.toUpperCase() : g.email;
  else if (g.phone) base.phone = g.phone;
  if (g.country) base.country = g.country;
  return base;
}

const FIRST = ['Lucía', 'Martín', 'Chloé', 'Jonas', 'Giulia', 'João', 'Amélie', 'Óscar', 'Ingrid', 'Rafael'];
const LAST = ['Arroyo', 'Lefèvre', 'Schäfer', 'Rossi', 'Carvalho', 'Novak', 'Ibáñez', 'Moreau', 'Keller', 'Duarte'];

/** A person the database has never seen: unique e-mail (or phone only, one in four); `i` unique per run. */
function newPerson(run: string, i: number, rand: () => number): { person: Person; key: string } {
  const first = FIRST[Math.floor(rand() * FIRST.length)]!;
  const last = LAST[Math.floor(rand() * LAST.length)]!;
  if (i % 4 === 3) {
    const salt = String(10 + (Number.parseInt(run.slice(-4), 36) % 90));
    const digits = `6${salt}${String(i).padStart(6, '0')}`;
    const phone = `+34 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
    return { person: { firstName: first, lastName: last, phone }, key: `+34${digits}` };
  }
  // A mailbox of its own, not a near-copy of another new person's (`load.1@…`, `load.2@…` read as typos
  // of each other and made every namesake a review-queue pair): random letters, the run and number at the end.
  const letters = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rand() * 26)]).join('');
  const email = `${letters}${i.toString(36)}${run}@${['bench.example', 'mail.example', 'inbox.example'][i % 3]}`;
  return { person: { firstName: first, lastName: last, email }, key: email };
}

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  for (let attempt = 0; ; attempt++) {
    const child = spawn('node', ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    let exited = false;
    child.once('exit', () => (exited = true));
    for (let i = 0; i < 600 && !exited; i++) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
        if (r.ok) return child;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    if (!exited) child.kill('SIGTERM');
    // Another developer's half-written migration can stop a start: wait and try again.
    if (attempt >= 5) throw new Error('the server did not start');
    console.log('[identity-load] the server did not start; retrying in 20 s…');
    await new Promise((r) => setTimeout(r, 20_000));
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

class Api {
  constructor(
    readonly base: string,
    readonly secret: string,
  ) {}
  async call(
    method: string,
    url: string,
    body?: unknown,
  ): // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bench: loosely typed JSON bodies
  Promise<{ status: number; json: any; ms: number }> {
    const t0 = performance.now();
    const r = await fetch(this.base + url, {
      method,
      headers: {
        authorization: `Bearer ${this.secret}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : null, ms: performance.now() - t0 };
  }
}

/** Real profiles from the list API, from many places in the list (deep cursors on several sorts). */
async function sampleGuests(api: Api, want: number, rand: () => number): Promise<Guest[]> {
  const seen = new Map<string, Guest>();
  const cursor = (kind: string, values: (string | number)[]) =>
    Buffer.from(JSON.stringify({ k: kind, v: values })).toString('base64url');
  for (let i = 0; seen.size < want && i < want; i++) {
    const day = new Date(
      Date.UTC(2016 + Math.floor(rand() * 10), Math.floor(rand() * 12), 1 + Math.floor(rand() * 27)),
    );
    const c = cursor('-lastActivityAt', [day.toISOString(), 'gst_' + Math.floor(rand() * 1e9).toString(36)]);
    const r = await api.call('GET', `/api/v1/guests?sort=-lastActivityAt&limit=20&cursor=${c}`);
    if (r.status !== 200) throw new Error(`GET /guests: ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
    for (const g of r.json.items as Guest[])
      if ((g.email || g.phone) && g.firstName && g.lastName && !seen.has(g.id)) seen.set(g.id, g);
  }
  return [...seen.values()].slice(0, want);
}

interface Setup {
  api: Api;
  roomTypeId: string;
  run: string;
  nextRef: () => string;
  nextDates: () => { checkIn: string; checkOut: string };
}

function bookingBody(s: Setup, person: Person) {
  return {
    source: 'channel_manager',
    externalRef: s.nextRef(),
    roomTypeId: s.roomTypeId,
    ...s.nextDates(),
    customer: person,
  };
}

export async function runIdentityLoad(
  options: {
    url?: string;
    port?: number;
    clients?: number[];
    seconds?: number;
    single?: number;
    /** Batches: concurrent clients posting POST /bookings/batch, and bookings per batch. */
    batchClients?: number[];
    batchSize?: number;
    log?: (m: string) => void;
  } = {},
): Promise<string> {
  const url = options.url ?? INGEST_URL;
  const port = options.port ?? 3911;
  const clients = options.clients ?? [8, 16, 32];
  const seconds = options.seconds ?? 20;
  const single = options.single ?? 300;
  const batchClients = options.batchClients ?? [1, 2, 4];
  const batchSize = options.batchSize ?? 500;
  const log = options.log ?? ((m: string) => console.log(`[identity-load] ${m}`));
  const env = { DATABASE_URL: url };

  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await probe.connect();
  } catch (err) {
    const msg = `Skipped: ${url.replace(/:[^:@/]*@/, ':***@')} not reachable (${(err as Error).message}). Create it with \`createdb -T clientela_bench clientela_bench_ingest\`.`;
    log(msg);
    return `\n### Identity resolution under load\n\n${msg}\n`;
  }
  const guestsBefore = Number((await probe.query('select count(*)::int as n from guest')).rows[0].n);
  await probe.end();

  const cli = (...cmd: string[]) =>
    execFileSync('node', ['bin/clientela.mjs', ...cmd], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  log(`starting the server on ${guestsBefore.toLocaleString('en')} profiles…`);
  const server = await startServer(env, port);
  const loads: Record<string, string> = {};
  const rows: string[] = [];
  let orgId: string;
  let profile: string;
  try {
    const key = JSON.parse(
      cli('api-key', 'create', '--name', `bench load ${Date.now()}`, '--scopes', 'admin', '--json'),
    );
    const api = new Api(`http://127.0.0.1:${port}`, key.secret as string);
    const run = Date.now().toString(36);
    const property = (await api.call('GET', '/api/v1/properties')).json.items[0];
    const rt = await api.call('POST', `/api/v1/properties/${property.id}/room-types`, {
      name: `Bench load ${run}`,
      capacity: 2,
      nightlyPrice: 90,
      roomCount: 10_000,
    });
    if (rt.status !== 201 && rt.status !== 200) throw new Error(`room type: ${rt.status} ${JSON.stringify(rt.json)}`);
    const rand = rng(4);
    let ref = 0;
    // One night each, spread over ~5 years: a night is a counter row; availability is not the bottleneck.
    const nextDates = () => {
      const d = new Date(Date.UTC(2030, 0, 1) + Math.floor(rand() * 1800) * 86_400_000);
      const next = new Date(d.getTime() + 86_400_000);
      return { checkIn: d.toISOString().slice(0, 10), checkOut: next.toISOString().slice(0, 10) };
    };
    const setup: Setup = { api, roomTypeId: rt.json.id, run, nextRef: () => `LOAD-${run}-${++ref}`, nextDates };
    const nick = nicknameMap();
    log('sampling real profiles…');
    const sample = await sampleGuests(api, 2000, rand);
    log(`${sample.length} profiles sampled`);
    const c0 = new pg.Client({ connectionString: url });
    await c0.connect();
    orgId = (await c0.query('select id from organisation order by created_at limit 1')).rows[0].id as string;
    const runStart = (await c0.query('select now() as t')).rows[0].t as Date;
    await c0.end();
    let personNo = 0;

    // (a) single client
    const post = async (job: Job) => {
      const r = await api.call('POST', '/api/v1/bookings', bookingBody(setup, job.person));
      return { ...r, ok: r.status === 201, customerId: r.json?.customerId as string | undefined };
    };
    for (let i = 0; i < 10; i++) await post({ person: variant(sample[i]!, i, nick) }); // warm-up
    const existingJobs = sample.slice(10, 10 + single).map((g, i) => ({ person: variant(g, i, nick), expect: g.id }));
    const newJobs = Array.from({ length: single }, () => newPerson(run, personNo++, rand)).map((n) => ({
      person: n.person,
    }));
    const measure = async (name: string, jobs: Job[]) => {
      loads[name] = load();
      const ms: number[] = [];
      let errors = 0;
      let matched = 0;
      for (const job of jobs) {
        const r = await post(job);
        if (!r.ok) errors++;
        else ms.push(r.ms);
        if (job.expect && r.customerId === job.expect) matched++;
      }
      const extra = jobs[0]?.expect ? `; ${matched}/${jobs.length} landed on the sampled profile` : '';
      rows.push(
        `| ${name} | 1 | ${pct(ms, 0.5).toFixed(1)} | ${pct(ms, 0.95).toFixed(1)} | ${pct(ms, 0.99).toFixed(1)} | ${ms.length} | ${errors} | ${loads[name]} | ${extra.slice(2)} |`,
      );
      log(
        `${name}: p50 ${pct(ms, 0.5).toFixed(1)} p95 ${pct(ms, 0.95).toFixed(1)} p99 ${pct(ms, 0.99).toFixed(1)} ms, errors ${errors}${extra} (load ${loads[name]})`,
      );
    };
    await measure(`POST /bookings, existing person (varied writing)`, existingJobs);
    await measure(`POST /bookings, new person`, newJobs);

    // (b) ingest
    const ingestRows: string[] = [];
    const newPool: { person: Person; key: string }[] = [];
    for (const c of clients) {
      await settle(url, log);
      const pool = Array.from({ length: 200 * c }, () => newPerson(run, personNo++, rand));
      newPool.push(...pool);
      const l = load();
      // Warm the pool to its size, then count CPU of the server process and of its PostgreSQL backends.
      await Promise.all(Array.from({ length: c }, () => api.call('GET', '/api/v1/health')));
      const cpu0 = { node: cpuSeconds(server.pid), pg: await backendCpu(url) };
      let done = 0;
      let errors = 0;
      const errorKinds = new Map<string, number>();
      const ms: number[] = [];
      const until = performance.now() + seconds * 1000;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: c }, async (_, w) => {
          const r = rng(1000 + w + c);
          while (performance.now() < until) {
            const existing = r() < 0.7;
            // New people come back: a small pool per run, so each is booked several times (often at once).
            const person = existing
              ? variant(sample[Math.floor(r() * sample.length)]!, Math.floor(r() * 4), nick)
              : pool[Math.floor(r() * pool.length)]!.person;
            try {
              const res = await api.call('POST', '/api/v1/bookings', bookingBody(setup, person));
              if (res.status === 201) {
                done++;
                ms.push(res.ms);
              } else {
                errors++;
                const k = `${res.status} ${res.json?.error?.code ?? res.json?.code ?? ''}`;
                errorKinds.set(k, (errorKinds.get(k) ?? 0) + 1);
              }
            } catch (err) {
              errors++;
              const k = (err as Error).message.slice(0, 60);
              errorKinds.set(k, (errorKinds.get(k) ?? 0) + 1);
            }
          }
        }),
      );
      const secs = (performance.now() - t0) / 1000;
      const nodeCpu = ((cpuSeconds(server.pid) - cpu0.node) * 1000) / Math.max(1, done);
      const pgCpu = ((await backendCpuSince(url, cpu0.pg)) * 1000) / Math.max(1, done);
      const kinds = [...errorKinds].map(([k, n]) => `${k}×${n}`).join(', ');
      ingestRows.push(
        `| ${c} | ${secs.toFixed(1)} | ${done} | **${(done / secs).toFixed(0)}** | ${errors}${kinds ? ` (${kinds})` : ''} | ${pct(ms, 0.5).toFixed(0)} | ${pct(ms, 0.95).toFixed(0)} | ${pct(ms, 0.99).toFixed(0)} | ${nodeCpu.toFixed(1)} | ${pgCpu.toFixed(1)} | ${l} → ${load()} |`,
      );
      log(
        `ingest ${c} clients: ${done} bookings in ${secs.toFixed(1)} s = ${(done / secs).toFixed(0)}/s, errors ${errors} ${kinds}; CPU per booking: server ${nodeCpu.toFixed(1)} ms, PostgreSQL ${pgCpu.toFixed(1)} ms (load ${l})`,
      );
    }

    // (b') batch ingest: the same mix through POST /bookings/batch.
    const batchRows: string[] = [];
    for (const c of batchClients) {
      await settle(url, log);
      const pool = Array.from({ length: 100 * batchSize * c }, () => newPerson(run, personNo++, rand)).slice(0, 20_000);
      newPool.push(...pool);
      const l = load();
      const cpu0 = { node: cpuSeconds(server.pid), pg: await backendCpu(url) };
      let done = 0;
      let failedItems = 0;
      let errors = 0;
      const ms: number[] = [];
      const until = performance.now() + seconds * 1000;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: c }, async (_, w) => {
          const r = rng(5000 + w + c);
          while (performance.now() < until) {
            const bookings = Array.from({ length: batchSize }, () => {
              const person =
                r() < 0.7
                  ? variant(sample[Math.floor(r() * sample.length)]!, Math.floor(r() * 4), nick)
                  : pool[Math.floor(r() * pool.length)]!.person;
              return bookingBody(setup, person);
            });
            const res = await api.call('POST', '/api/v1/bookings/batch', { bookings });
            if (res.status === 200) {
              done += res.json.created as number;
              failedItems += res.json.failed as number;
              ms.push(res.ms);
            } else errors++;
          }
        }),
      );
      const secs = (performance.now() - t0) / 1000;
      const nodeCpu = ((cpuSeconds(server.pid) - cpu0.node) * 1000) / Math.max(1, done);
      const pgCpu = ((await backendCpuSince(url, cpu0.pg)) * 1000) / Math.max(1, done);
      batchRows.push(
        `| ${c} × ${batchSize} | ${secs.toFixed(1)} | ${done} | **${(done / secs).toFixed(0)}** | ${errors} requests, ${failedItems} bookings | ${pct(ms, 0.5).toFixed(0)} | ${pct(ms, 0.95).toFixed(0)} | ${nodeCpu.toFixed(2)} | ${pgCpu.toFixed(2)} | ${l} → ${load()} |`,
      );
      log(
        `batch ingest ${c} clients × ${batchSize}: ${done} bookings in ${secs.toFixed(1)} s = ${(done / secs).toFixed(0)}/s, failed requests ${errors}, failed bookings ${failedItems}; batch p50 ${pct(ms, 0.5).toFixed(0)} ms; CPU per booking: server ${nodeCpu.toFixed(2)} ms, PostgreSQL ${pgCpu.toFixed(2)} ms (load ${l})`,
      );
    }

    // No duplicate profile for the new people who came back.
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const emails = newPool.filter((n) => n.key.includes('@')).map((n) => n.key);
    const phones = newPool.filter((n) => !n.key.includes('@')).map((n) => n.key);
    const dupE = await check.query(
      `select e.email, count(distinct e.guest_id)::int as n from guest_email e join guest g on g.org_id = e.org_id and g.id = e.guest_id
        where e.org_id = $1 and e.email = any($2) and g.created_at >= $3 group by e.email`,
      [orgId, emails, runStart],
    );
    const dupP = await check.query(
      `select p.e164, count(distinct p.guest_id)::int as n from guest_phone p join guest g on g.org_id = p.org_id and g.id = p.guest_id
        where p.org_id = $1 and p.e164 = any($2) and g.created_at >= $3 group by p.e164`,
      [orgId, phones, runStart],
    );
    const seenKeys = dupE.rowCount! + dupP.rowCount!;
    const dups = [...dupE.rows, ...dupP.rows].filter((r) => r.n > 1).length;
    const bookingsPerKey = await check.query(
      `select count(*)::int as n from booking b join guest_email e on e.org_id = b.org_id and e.guest_id = b.customer_id
        where b.org_id = $1 and e.email = any($2)`,
      [orgId, emails],
    );
    const guestsAfter = Number((await check.query('select count(*)::int as n from guest')).rows[0].n);
    await check.end();
    const dupLine = `New people in the ingest runs: ${seenKeys} distinct people booked (${bookingsPerKey.rows[0].n} bookings by the e-mail ones, so most came several times, often concurrently) → **${dups} with more than one profile**. Profiles ${guestsBefore.toLocaleString('en')} before the run, ${guestsAfter.toLocaleString('en')} after.`;
    log(dupLine);

    // (c) where the time goes, in process
    profile = await profileServerSide(url, orgId, rt.json.id as string, sample.slice(400, 500), nick, run, log);

    rows.push('');
    rows.push(
      '| ingest: concurrent clients | seconds | bookings created | bookings/s | errors | p50 ms | p95 ms | p99 ms | server CPU ms/booking | PostgreSQL CPU ms/booking | load avg (1/5/15 min) before → after |',
    );
    rows.push('| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |');
    rows.push(...ingestRows);
    rows.push('');
    rows.push(
      '| batch ingest (POST /bookings/batch): clients × bookings per batch | seconds | bookings created | bookings/s | errors | batch p50 ms | batch p95 ms | server CPU ms/booking | PostgreSQL CPU ms/booking | load avg before → after |',
    );
    rows.push('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |');
    rows.push(...batchRows);
    rows.push('', dupLine);
  } finally {
    await stopServer(server);
  }
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? '?';
  return [
    '',
    `### Identity resolution under load at ${guestsBefore.toLocaleString('en')} profiles (PostgreSQL) — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${cpu}; Node ${process.version}; server pool ${process.env.DATABASE_POOL_SIZE ?? 10} connections; client and server on the same machine.`,
    `Command: \`node --import tsx bench/identity-load.ts --write --clients ${clients.join(',')} --seconds ${seconds} --single ${single} --batch-clients ${batchClients.join(',')} --batch-size ${batchSize}\` (or \`npm run bench -- --only identity-load\`).`,
    'Each ingest phase starts after an ANALYZE of the tables the run grows and a CHECKPOINT: this machine runs PostgreSQL with autovacuum off (conf.d/90-ci.conf), which would leave a growing booking table planned as empty.',
    '',
    '| POST /api/v1/bookings, through HTTP | clients | p50 ms | p95 ms | p99 ms | n | errors | load avg (1/5/15 min) | resolution |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows,
    '',
    profile,
  ].join('\n');
}

/**
 * The server's booking code (createBooking + resolvePerson) run in this process on the same
 * database, one transaction per booking rolled back, with every statement timed (Kysely log).
 */
async function profileServerSide(
  url: string,
  orgId: string,
  roomTypeId: string,
  guests: Guest[],
  nick: Map<string, string>,
  run: string,
  log: (m: string) => void,
): Promise<string> {
  const stats = new Map<string, { n: number; ms: number; max: number }>();
  let recording = false;
  const pool = new pg.Pool({
    connectionString: url,
    max: 1,
    options: '-c jit=off',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
        parsers[oid] ?? (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
    },
  });
  const system = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    log(event) {
      if (!recording) return;
      const shape = event.query.sql
        .replace(/\$\d+(, \$\d+)*/g, '?')
        .replace(/\s+/g, ' ')
        .slice(0, 110);
      const s = stats.get(shape) ?? { n: 0, ms: 0, max: 0 };
      s.n++;
      s.ms += event.queryDurationMillis;
      s.max = Math.max(s.max, event.queryDurationMillis);
      stats.set(shape, s);
    },
  });
  const db = system.withPlugin(new TenantScopePlugin(orgId));
  const ctx: Ctx = {
    db,
    orgId,
    actor: { actorType: 'system', actorId: null },
    requestId: null,
    permissions: 'system' as const,
  };
  const rand = rng(7);
  const jobs: Person[] = guests.map((g, i) =>
    i % 10 < 7 ? variant(g, i, nick) : newPerson(run, 900_000 + i, rand).person,
  );
  class Rollback extends Error {}
  const totals: number[] = [];
  let ref = 0;
  for (const [i, person] of jobs.entries()) {
    if (i === 10) recording = true; // the first ten warm the connection and the caches
    const input = CreateBookingBody.parse({
      source: 'channel_manager',
      externalRef: `PROF-${run}-${++ref}`,
      roomTypeId,
      checkIn: '2035-06-01',
      checkOut: '2035-06-02',
      customer: person,
    });
    const t0 = performance.now();
    try {
      await db.transaction().execute(async (trx) => {
        await createBooking(ctx, input, resolvePerson, { trx });
        throw new Rollback();
      });
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
    if (recording) totals.push(performance.now() - t0);
  }
  await system.destroy();
  const n = totals.length;
  const sqlMs = [...stats.values()].reduce((a, s) => a + s.ms, 0);
  const sum = totals.reduce((a, b) => a + b, 0);
  const top = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).filter(([, st]) => st.n / n >= 0.05);
  log(
    `server-side profile: ${(sum / n).toFixed(1)} ms per booking, ${(sqlMs / n).toFixed(1)} ms in SQL (load ${load()})`,
  );
  return [
    `Where the server's time goes (\`createBooking\` + resolver in the bench process on the same database, one connection, ${n} bookings — 70 % existing people, 30 % new — each rolled back; load ${load()}): **${(sum / n).toFixed(1)} ms per booking** (p95 ${pct(totals, 0.95).toFixed(1)} ms), of which ${(sqlMs / n).toFixed(1)} ms waiting for ${([...stats.values()].reduce((a, s) => a + s.n, 0) / n).toFixed(1)} SQL statements; the rest is JavaScript (matching, Kysely compilation) and the driver.`,
    '',
    '| statement (shape) | calls per booking | ms per booking | max ms |',
    '| --- | ---: | ---: | ---: |',
    ...top.map(
      ([shape, s]) =>
        `| \`${shape.replace(/\|/g, '\\|')}\` | ${(s.n / n).toFixed(2)} | ${(s.ms / n).toFixed(2)} | ${s.max.toFixed(1)} |`,
    ),
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const section = await runIdentityLoad({
    clients: arg('clients')?.split(',').map(Number),
    seconds: arg('seconds') ? Number(arg('seconds')) : undefined,
    single: arg('single') ? Number(arg('single')) : undefined,
    port: arg('port') ? Number(arg('port')) : undefined,
    batchClients: arg('batch-clients')?.split(',').map(Number),
    batchSize: arg('batch-size') ? Number(arg('batch-size')) : undefined,
  });
  console.log(section);
  if (args.includes('--write')) appendFileSync(path.join(REPO_ROOT, 'BENCHMARKS.md'), section);
}
