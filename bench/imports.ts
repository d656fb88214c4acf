/**
 * Import throughput (issue 13): `npm run bench -- --only import [--rows N] [--engine embedded|postgres]`
 * (default 100,000 rows, both engines). Generated realistic rows (5 % duplicates, 1 % errors,
 * src/modules/imports/import-sample-file.ts) imported through the real service (createImport +
 * runImport, the job's code, batches with checkpoints) into an empty organisation, then a tenth as
 * many new rows into the same organisation (which then holds about N guests). Reports records/s,
 * peak RSS of this process (the embedded engine runs in a worker thread of it) and the ratio to a
 * plain COPY of the same file into a bare table (PostgreSQL: server-side COPY on the same database;
 * embedded: COPY FROM a blob into a bare table of a PGlite instance in the same process).
 * Appends the results to BENCHMARKS.md.
 */
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { configureFileStore, fileAreaPath } from '../src/core/file-store.ts';
import { installKeyring, hasKeyring } from '../src/core/keyring.ts';
import { createKeyring } from '../src/core/secret-box.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createImport, runImport } from '../src/modules/imports/index.ts';
import { IMPORT_BATCH_SIZE } from '../src/modules/imports/import-run.pipeline.ts';
import { EMBEDDED_PAUSE_MS } from '../src/modules/imports/import-run.job.ts';
import { SAMPLE_HEADERS, writeSampleFile } from '../src/modules/imports/import-sample-file.ts';
import { createOrganisation } from '../src/modules/tenancy/index.ts';
import { seedGuests } from '../src/seed/seed-guests.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const N = Number(arg('rows') ?? 100_000);
/** `--existing M`: the organisation first holds M seeded guests (src/seed), then the file is imported into it. */
const EXISTING = Number(arg('existing') ?? 0);
const engines = (arg('engine') ? [arg('engine')] : ['embedded', 'postgres']) as Array<'embedded' | 'postgres'>;
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// BENCH_DB_SUFFIX: several runs on one server (shared machine) each get their own database.
const PG_DB = `clientela_bench_import_${N}_${EXISTING}${process.env.BENCH_DB_SUFFIX ?? ''}`;
if (!hasKeyring()) installKeyring(createKeyring(Buffer.from('clientela-bench-encryption-key!!')));

const work = mkdtempSync(path.join(tmpdir(), 'clientela-bench-import-'));
// The PostgreSQL server reads the COPY file itself (it runs as another user).
chmodSync(work, 0o755);
configureFileStore(path.join(work, 'files'));
const fileA = path.join(work, 'guests-a.csv');
const fileB = path.join(work, 'guests-b.csv');
await writeSampleFile(fileA, { rows: N, seed: 1 });
await writeSampleFile(fileB, { rows: Math.max(1, Math.round(N / 10)), seed: 2 });
chmodSync(fileA, 0o644);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

async function adminQuery(text: string) {
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

async function openEngine(engine: 'embedded' | 'postgres'): Promise<Database> {
  if (engine === 'embedded')
    return openDatabase({ kind: 'embedded', dir: path.join(work, 'pgdata'), thread: 'worker', sharedBuffers: '384MB' });
  await adminQuery(`drop database if exists ${PG_DB} with (force)`);
  await adminQuery(`create database ${PG_DB}`);
  return openDatabase({ kind: 'postgres', url: PG_ADMIN.replace(/\/[^/]*$/, `/${PG_DB}`), poolSize: 4 });
}

/** A plain COPY of the file into a bare table with one text column per header (ms). */
async function copyBaseline(engine: 'embedded' | 'postgres', file: string): Promise<number | string> {
  const columns = SAMPLE_HEADERS.map((_, i) => `c${i} text`).join(', ');
  if (engine === 'postgres') {
    const url = PG_ADMIN.replace(/\/[^/]*$/, `/${PG_DB}`);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`create table bench_copy (${columns})`);
      const started = performance.now();
      // Server-side COPY reads the file itself: the server must run on this machine.
      await c.query(`copy bench_copy from '${file}' with (format csv, header true)`);
      return performance.now() - started;
    } catch (err) {
      return `n/a (${(err as Error).message.slice(0, 80)})`;
    } finally {
      await c.end();
    }
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  await db.exec(`create table bench_copy (${columns})`);
  const started = performance.now();
  await db.query(`copy bench_copy from '/dev/blob' with (format csv, header true)`, [], {
    blob: new Blob([readFileSync(file)]),
  });
  const ms = performance.now() - started;
  await db.close();
  return ms;
}

/**
 * CPU seconds used so far by this process (the embedded engine's worker included) and, on
 * PostgreSQL on this machine, by the server processes serving the bench database (read from
 * /proc): the import's cost whatever else the shared machine runs.
 */
async function cpuNow(database: Database): Promise<{ node: number; server: Map<number, number> }> {
  const used = process.cpuUsage();
  const server = new Map<number, number>();
  if (database.kind === 'postgres') {
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity where datname = current_database()`.execute(database.system);
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        server.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        // the server runs elsewhere, or the process has gone
      }
    }
  }
  return { node: (used.user + used.system) / 1e6, server };
}

function cpuSince(before: Awaited<ReturnType<typeof cpuNow>>, after: Awaited<ReturnType<typeof cpuNow>>) {
  let server = 0;
  for (const [pid, s] of after.server) server += s - (before.server.get(pid) ?? 0);
  return { node: after.node - before.node, server };
}

async function timeImport(database: Database, orgId: string, file: string) {
  const ctx = {
    db: database.forOrg(orgId),
    orgId,
    actor: { actorType: 'system', actorId: 'bench' },
    requestId: null,
    permissions: 'system' as const,
  };
  const uploadName = `upl_bench_${Date.now()}`;
  await copyFile(file, fileAreaPath('imports', uploadName));
  const cpuBefore = await cpuNow(database);
  const started = performance.now();
  const { id } = await createImport(
    ctx,
    {
      uploadName,
      fileName: path.basename(file),
      size: statSync(file).size,
      request: { dryRun: false, onExisting: 'enrich' },
    },
    { enqueue: false },
  );
  let lastLog = 0;
  const run = await runImport(database.system, orgId, id, {
    // As the job runs it (import-run.job.ts).
    pauseBetweenBatchesMs: database.kind === 'embedded' ? EMBEDDED_PAUSE_MS : 0,
    onProgress: (done, total) => {
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        console.log(`  ${done}/${total} (${Math.round(done / ((performance.now() - started) / 1000))} records/s)`);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSince(cpuBefore, await cpuNow(database));
  return { seconds, run, cpu };
}

const lines: string[] = [];
for (const engine of engines) {
  console.log(`[${engine}] import of ${N} rows…`);
  peakRss = 0;
  const database = await openEngine(engine);
  await migrateToLatest(database.system as unknown as Kysely<unknown>);
  const { orgId } = await createOrganisation(database.system, { name: 'Bench', propertyName: 'Bench' });
  if (EXISTING) {
    const seeded = performance.now();
    await seedGuests(database, { orgId, count: EXISTING });
    await sql`analyze`.execute(database.system);
    console.log(`  seeded ${EXISTING} guests in ${((performance.now() - seeded) / 1000).toFixed(0)} s`);
  }
  const empty = await timeImport(database, orgId, fileA);
  const rssEmpty = peakRss;
  const existing = EXISTING + empty.run.created;
  const second = await timeImport(database, orgId, fileB);
  const rssSecond = peakRss;
  // After the imports, so the RSS figures are the import's (the embedded baseline opens a second PGlite).
  const copyMs = await copyBaseline(engine, fileA);
  await database.close();
  if (engine === 'postgres') await adminQuery(`drop database if exists ${PG_DB} with (force)`);
  const rate = (rows: number, s: number) => Math.round(rows / s).toLocaleString('en');
  const cpuCell = (r: { run: { records: number }; cpu: { node: number; server: number } }) =>
    `${r.cpu.node.toFixed(1)}${engine === 'postgres' ? ` + ${r.cpu.server.toFixed(1)}` : ''} (${rate(r.run.records, r.cpu.node + r.cpu.server)}/CPU-s)`;
  const ratio =
    typeof copyMs === 'number'
      ? `${(empty.seconds / (copyMs / 1000)).toFixed(0)}× (COPY ${(copyMs / 1000).toFixed(2)} s)`
      : copyMs;
  lines.push(
    `| ${engine} | ${N.toLocaleString('en')} into ${EXISTING ? `one holding ${EXISTING.toLocaleString('en')} seeded guests` : 'an empty organisation'} | ${empty.seconds.toFixed(1)} | ${rate(N, empty.seconds)} | ${empty.run.created} / ${empty.run.updated} / ${empty.run.unchanged} / ${empty.run.invalid} | ${(rssEmpty / 2 ** 20).toFixed(0)} | ${cpuCell(empty)} | ${ratio} |`,
    `| ${engine} | ${second.run.records.toLocaleString('en')} into one holding ${existing.toLocaleString('en')} guests | ${second.seconds.toFixed(1)} | ${rate(second.run.records, second.seconds)} | ${second.run.created} / ${second.run.updated} / ${second.run.unchanged} / ${second.run.invalid} | ${(rssSecond / 2 ** 20).toFixed(0)} | ${cpuCell(second)} | |`,
  );
  console.log(lines.slice(-2).join('\n'));
}
clearInterval(sampler);
rmSync(work, { recursive: true, force: true });

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
const section = [
  '',
  `### Import — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  '',
  `Command: \`npm run bench -- ${args.join(' ')}\` (bench/imports.ts). Machine: ${machine}; load average after the run ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}.`,
  `Generated guest rows (5 % duplicates, 1 % invalid e-mails) imported through the import service (the job's code: batches of ${IMPORT_BATCH_SIZE.toLocaleString('en')} with checkpoints), then a tenth as many new rows into the same organisation. CPU = seconds of CPU used by this process (embedded: the database included) + by the PostgreSQL server processes of the bench database, and records per CPU-second: the import's cost whatever else the shared machine runs.`,
  '',
  '| engine | import | seconds | records/s | created / updated / unchanged / invalid | peak RSS (MiB) | CPU s (node + server) | vs plain COPY |',
  '| --- | --- | ---: | ---: | --- | ---: | --- | --- |',
  ...lines,
  '',
].join('\n');
appendFileSync('BENCHMARKS.md', section);
console.log(section);
process.exit(0);
