/**
 * Export cost (issue 13, D-2): `POST /api/v1/exports {format: "csv"}` of every guest, through HTTP
 * against a real server process, on the embedded engine and on PostgreSQL, against the floor of
 * `COPY (SELECT the same columns) TO STDOUT` on the same database; with the server's RSS.
 *
 *   npm run bench -- --only export [--guests N]     (default: 100,000 guests)
 *
 * The export time is the job's own (its finishedAt − createdAt, as the API reports them); the COPY
 * runs in SQL on the same data (embedded: PGlite `COPY … TO '/dev/blob'`, before the server starts,
 * which holds the data directory; PostgreSQL: `psql -c "COPY … TO STDOUT"` into /dev/null).
 * Appends the result to BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { openPglite } from '../src/db/pglite-engine.mjs';
import { cli, startServer } from './processes.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const N = Number(arg('guests') ?? 100_000);
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_URL = PG_ADMIN.replace(/\/[^/]*$/, `/clientela_bench_export_${N}`);
const DATA = `bench/.data/export-${N}`;
/** A fixed key for the bench databases only (document numbers are encrypted with it). */
const BENCH_KEY = Buffer.from('clientela-bench-encryption-key!!').toString('base64');

/** The export's columns in plain SQL (src/modules/exports/export-record.ts), for the COPY floor. */
const COPY_SELECT = `select g.id, t.labels->>'en', g.first_name, concat_ws(' ', g.last_name, g.second_last_name),
  (select string_agg(e.email, ';' order by e.position) from guest_email e where e.org_id = g.org_id and e.guest_id = g.id),
  (select string_agg(p.e164, ';' order by p.position) from guest_phone p where p.org_id = g.org_id and p.guest_id = g.id),
  g.birth_date, g.language, g.nationality, a.street, '', a.city, a.region, a.postcode, coalesce(a.country, g.country),
  g.document_type, '', '',
  (select string_agg(x.name, ';' order by u.i) from unnest(g.tag_ids) with ordinality u(id, i)
     join tag x on x.org_id = g.org_id and x.id = u.id),
  (select string_agg(x.name, ';' order by u.i) from unnest(g.group_ids) with ordinality u(id, i)
     join guest_group x on x.org_id = g.org_id and x.id = u.id),
  case when g.marketing_consent then 'yes' else 'no' end,
  (select string_agg(n.body, E'\\n\\n' order by n.created_at) from guest_note n where n.org_id = g.org_id and n.guest_id = g.id)
  from guest g
  left join title t on t.org_id = g.org_id and t.id = g.title_id
  left join lateral (select * from guest_address a where a.org_id = g.org_id and a.guest_id = g.id
                      order by a.is_primary desc, a.position limit 1) a on true`;

/** The process's current and peak resident set (MiB), from /proc. */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** `COPY (the export's columns) TO STDOUT` on the same data: best of 3 (ms, bytes). */
async function copyFloor(engine: 'embedded' | 'postgres'): Promise<{ ms: number; bytes: number }> {
  const sqlText = `COPY (${COPY_SELECT}) TO STDOUT WITH (FORMAT csv, HEADER)`;
  const runs: { ms: number; bytes: number }[] = [];
  if (engine === 'embedded') {
    const db = await openPglite({ dataDir: `${DATA}/pgdata` });
    try {
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const r = await db.query(sqlText.replace('TO STDOUT', "TO '/dev/blob'"));
        const bytes = r.blob?.size ?? 0;
        runs.push({ ms: performance.now() - t0, bytes });
      }
    } finally {
      await db.close();
    }
  } else {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const out = execFileSync('psql', [PG_URL, '-X', '-q', '-c', sqlText], { maxBuffer: 2 ** 31 });
      runs.push({ ms: performance.now() - t0, bytes: out.length });
    }
  }
  return runs.sort((a, b) => a.ms - b.ms)[0]!;
}

async function api(base: string, secret: string, method: string, url: string, body?: unknown) {
  const r = await fetch(base + url, {
    method,
    headers: { authorization: `Bearer ${secret}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
  return r;
}

async function runEngine(engine: 'embedded' | 'postgres', port: number): Promise<string> {
  const env: Record<string, string> =
    engine === 'embedded'
      ? { CLIENTELA_DATA_DIR: DATA }
      : { DATABASE_URL: PG_URL, CLIENTELA_DATA_DIR: `${DATA}-pg`, CLIENTELA_ENCRYPTION_KEY: BENCH_KEY };
  if (engine === 'embedded') mkdirSync(DATA, { recursive: true });
  else {
    const c = new pg.Client({ connectionString: PG_ADMIN });
    await c.connect();
    const name = PG_URL.split('/').pop();
    const exists = await c.query(`select 1 from pg_database where datname = $1`, [name]);
    if (!exists.rowCount) await c.query(`create database ${name}`);
    await c.end();
  }
  console.log(`[${engine}] seeding up to ${N} guests (reused when present)…`);
  console.log(cli(env, 'seed', '--guests', String(N)).trim().split('\n').pop());
  const key = JSON.parse(
    cli(env, 'api-key', 'create', '--name', `export ${Date.now()}`, '--scopes', 'admin', '--json'),
  );
  console.log(`[${engine}] COPY floor…`);
  const copy = await copyFloor(engine);
  const server = await startServer(env, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    const before = rssOf(server.pid!);
    const runs: { ms: number; rows: number; bytes: number; downloadMs: number }[] = [];
    for (let i = 0; i < 2; i++) {
      const { id } = (await (await api(base, key.secret, 'POST', '/api/v1/exports', { format: 'csv' })).json()) as {
        id: string;
      };
      let e: { status: string; rows: number; sizeBytes: number; createdAt: string; finishedAt: string };
      for (;;) {
        e = (await (await api(base, key.secret, 'GET', `/api/v1/exports/${id}`)).json()) as typeof e;
        if (e.status === 'done' || e.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      if (e.status !== 'done') throw new Error(`export ${id} ${e.status}`);
      const t0 = performance.now();
      const file = await (await api(base, key.secret, 'GET', `/api/v1/exports/${id}/file`)).arrayBuffer();
      const downloadMs = performance.now() - t0;
      const ms = Date.parse(e.finishedAt) - Date.parse(e.createdAt);
      runs.push({ ms, rows: e.rows, bytes: file.byteLength, downloadMs });
      console.log(
        `[${engine}] export ${i + 1}: ${e.rows} rows in ${ms} ms, ${(file.byteLength / 2 ** 20).toFixed(1)} MiB`,
      );
    }
    const after = rssOf(server.pid!);
    const best = [...runs].sort((a, b) => a.ms - b.ms)[0]!;
    return [
      `#### ${engine}`,
      '',
      '| measurement | value |',
      '| --- | ---: |',
      `| export to CSV (job time, best of ${runs.length}; runs: ${runs.map((r) => r.ms).join(', ')} ms) | ${best.ms} ms, ${best.rows.toLocaleString('en')} rows, ${(best.bytes / 2 ** 20).toFixed(1)} MiB |`,
      `| rows/s | ${Math.round(best.rows / (best.ms / 1000)).toLocaleString('en')} |`,
      `| COPY (same columns) TO STDOUT, best of 3 | ${copy.ms.toFixed(0)} ms, ${(copy.bytes / 2 ** 20).toFixed(1)} MiB |`,
      `| ratio export / COPY | ${(best.ms / copy.ms).toFixed(2)}× |`,
      `| download (GET …/file through HTTP) | ${best.downloadMs.toFixed(0)} ms |`,
      `| server RSS before the exports / after / peak of the process | ${before.rss.toFixed(0)} / ${after.rss.toFixed(0)} / ${after.peak.toFixed(0)} MiB |`,
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
const sections: string[] = [];
if (only !== 'postgres') sections.push(await runEngine('embedded', 3911));
if (only !== 'embedded') sections.push(await runEngine('postgres', 3912));
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ')}`;
const header = `\n### Guest export to CSV at ${N.toLocaleString('en')} guests — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\nMachine: ${machine}. Command: \`npm run bench -- ${args.join(' ')}\`.\n\n`;
appendFileSync('BENCHMARKS.md', header + sections.join('\n'));
console.log(header + sections.join('\n'));
