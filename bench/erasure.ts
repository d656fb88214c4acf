/**
 * Erasure cost (issue 12, P-1/P-2/P-6): how long `DELETE /api/v1/guests/{id}` takes in a database of
 * N guests, through HTTP against a real server process, on the embedded engine and on PostgreSQL.
 *
 *   npm run bench -- --only erasure [--guests N] [--erase K]     (defaults: 100,000 guests, 100 erasures)
 *
 * Each erased guest is a real one: created through the API with two e-mails, two phones and an
 * address, a note, an edit (history), a booking that names them in its notes (then cancelled, so the
 * erasure is allowed). The erasure walks the privacy registry and scrubs the person's names, e-mails
 * and phones out of everyone's free text, so its cost grows with the free text of the organisation,
 * not with one guest: this measures it at N seeded guests. Appends the result to BENCHMARKS.md.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { cli, startServer } from './processes.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const N = Number(arg('guests') ?? 100_000);
const K = Number(arg('erase') ?? 100);
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_URL = PG_ADMIN.replace(/\/[^/]*$/, `/clientela_bench_erasure_${N}`);
const DATA = `bench/.data/erasure-${N}`;
/** A fixed key for the bench databases only (document numbers are encrypted with it). */
const BENCH_KEY = Buffer.from('clientela-bench-encryption-key!!').toString('base64');

async function call(base: string, secret: string, method: string, url: string, body?: unknown) {
  const t0 = performance.now();
  const r = await fetch(base + url, {
    method,
    headers: {
      authorization: `Bearer ${secret}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  const ms = performance.now() - t0;
  if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${text.slice(0, 300)}`);
  return { json: text ? JSON.parse(text) : null, ms };
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};

async function runEngine(engine: 'embedded' | 'postgres', port: number): Promise<string> {
  const env: Record<string, string> =
    engine === 'embedded'
      ? { CLIENTELA_DATA_DIR: DATA }
      : { DATABASE_URL: PG_URL, CLIENTELA_DATA_DIR: `${DATA}-pg`, CLIENTELA_ENCRYPTION_KEY: BENCH_KEY };
  if (engine === 'embedded') mkdirSync(DATA, { recursive: true });
  else {
    const c = new pg.Client({ connectionString: PG_ADMIN });
    await c.connect();
    const exists = await c.query(`select 1 from pg_database where datname = $1`, [PG_URL.split('/').pop()]);
    if (!exists.rowCount) await c.query(`create database ${PG_URL.split('/').pop()}`);
    await c.end();
  }
  console.log(`[${engine}] seeding up to ${N} guests (reused when present)…`);
  console.log(cli(env, 'seed', '--guests', String(N)).trim().split('\n').pop());
  const key = JSON.parse(
    cli(env, 'api-key', 'create', '--name', `erasure ${Date.now()}`, '--scopes', 'admin', '--json'),
  );
  const server = await startServer(env, port);
  const base = `http://127.0.0.1:${port}`;
  const run = Date.now().toString(36);
  try {
    const property = (await call(base, key.secret, 'GET', '/api/v1/properties')).json.items[0];
    const rt = await call(base, key.secret, 'POST', `/api/v1/properties/${property.id}/room-types`, {
      name: `Erasure ${run}`,
      capacity: 2,
      nightlyPrice: 90,
      roomCount: 1000,
    });
    console.log(`[${engine}] preparing ${K} guests to erase…`);
    const ids: string[] = [];
    for (let i = 0; i < K; i++) {
      const name = { firstName: `Erasa${run}${i}`, lastName: `Benchmark${i}` };
      const phone = `+3461${String(1_000_000 + i * 37).slice(-7)}`;
      const g = await call(base, key.secret, 'POST', '/api/v1/guests', {
        ...name,
        emails: [{ email: `erase.${run}.${i}@example.org` }, { email: `e.${run}.${i}@work.example` }],
        phones: [{ number: phone }, { number: `+33612${String(100_000 + i).slice(-6)}` }],
        addresses: [{ street: `Calle Borrar ${i}`, city: 'Sevilla', postcode: '41001', country: 'ES' }],
      });
      await call(base, key.secret, 'POST', `/api/v1/guests/${g.json.id}/notes`, { body: `Asked for ${phone}` });
      await call(base, key.secret, 'PATCH', `/api/v1/guests/${g.json.id}`, { language: 'es' });
      const day = new Date(Date.UTC(2027, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const next = new Date(Date.UTC(2027, 0, 2) + i * 86_400_000).toISOString().slice(0, 10);
      const b = await call(base, key.secret, 'POST', '/api/v1/bookings', {
        source: 'pms',
        externalRef: `ERASE-${run}-${i}`,
        roomTypeId: rt.json.id,
        checkIn: day,
        checkOut: next,
        customer: { guestId: g.json.id },
        notes: `${name.firstName} ${name.lastName} arrives late, call ${phone}`,
      });
      await call(base, key.secret, 'POST', `/api/v1/bookings/${b.json.id}/cancel`, {});
      ids.push(g.json.id);
    }
    console.log(`[${engine}] erasing…`);
    const times: number[] = [];
    const t0 = performance.now();
    for (const id of ids) times.push((await call(base, key.secret, 'DELETE', `/api/v1/guests/${id}`)).ms);
    const total = (performance.now() - t0) / 1000;
    return [
      `#### ${engine}`,
      '',
      `${N.toLocaleString('en')} seeded guests; ${K} erasures of guests with 2 e-mails, 2 phones, an address, a note, a change and a cancelled booking that names them.`,
      '',
      '| DELETE /api/v1/guests/{id} (ms, through HTTP) | median | p95 | p99 | max | erasures/s (one client) |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      `| ${engine} | ${pct(times, 0.5).toFixed(1)} | ${pct(times, 0.95).toFixed(1)} | ${pct(times, 0.99).toFixed(1)} | ${Math.max(...times).toFixed(1)} | ${(K / total).toFixed(1)} |`,
      '',
    ].join('\n');
  } finally {
    await new Promise<void>((resolve) => {
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    });
  }
}

const only = arg('engine');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
const sections: string[] = [];
if (only !== 'postgres') sections.push(await runEngine('embedded', 3921));
if (only !== 'embedded') sections.push(await runEngine('postgres', 3922));
const out = [
  '',
  `### Erasure cost — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  '',
  `Command: \`npm run bench -- --only erasure --guests ${N} --erase ${K}\` (bench/erasure.ts). Machine: ${machine}; load average after the run ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}.`,
  '',
  ...sections,
].join('\n');
appendFileSync('BENCHMARKS.md', out);
console.log(out);
