/**
 * `npm run bench [-- --guests N] [-- --only embedded|postgres|identity-load|erasure]`: guest search, filters and list
 * latency through HTTP against a real server process, on the embedded engine and on PostgreSQL,
 * with a naive ILIKE baseline on the same data. Appends the results to BENCHMARKS.md.
 * Data is seeded once and reused: bench/.data/embedded, and the database clientela_bench.
 * The full run (no --only) then adds identity resolution under load (bench/identity-load.ts).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpus, existsSync, loadavg, mkdirSync } from './fs-os.ts';
import { naiveBaseline } from './naive.ts';
import { measureHttp, type HttpResults } from './http-measure.ts';
import { runIdentityLoad } from './identity-load.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const N = Number(arg('guests') ?? 1_000_000);
const only = arg('only');
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_DB = N === 1_000_000 ? 'clientela_bench' : `clientela_bench_${N}`;
const PG_URL = PG_ADMIN.replace(/\/[^/]*$/, `/${PG_DB}`);
const DATA = N === 1_000_000 ? 'bench/.data/embedded' : `bench/.data/embedded-${N}`;

function cli(env: Record<string, string>, ...cmd: string[]): string {
  return execFileSync('node', ['bin/clientela.mjs', ...cmd], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn('node', ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (r.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error('the server did not start');
}

async function stop(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function pgReachable(): Promise<boolean> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    const r = await c.query(`select 1 from pg_database where datname = $1`, [PG_DB]);
    if (!r.rowCount) await c.query(`create database ${PG_DB}`);
    // JIT compiles the 1M-row count plans for ~100 ms each: off for this OLTP workload (see BENCHMARKS.md).
    await c.query(`alter database ${PG_DB} set jit = off`);
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function runEngine(engine: 'embedded' | 'postgres', port: number): Promise<string> {
  const env: Record<string, string> =
    engine === 'embedded' ? { CLIENTELA_DATA_DIR: DATA } : { DATABASE_URL: PG_URL, CLIENTELA_DATA_DIR: DATA + '-pg' };
  if (engine === 'embedded') mkdirSync(DATA, { recursive: true });
  console.log(`[${engine}] seeding up to ${N} guests (reused when present)…`);
  const seedStart = Date.now();
  const seedOut = cli(env, 'seed', '--guests', String(N));
  const seedSecs = (Date.now() - seedStart) / 1000;
  console.log(seedOut.trim().split('\n').pop());
  const key = JSON.parse(
    cli(env, 'api-key', 'create', '--name', `bench ${Date.now()}`, '--scopes', 'admin', '--json'),
  ) as {
    secret: string;
  };
  console.log(`[${engine}] naive ILIKE baseline…`);
  const naive = await naiveBaseline(engine, engine === 'embedded' ? DATA : PG_URL);
  console.log(`[${engine}] starting the server…`);
  const server = await startServer(env, port);
  let http: HttpResults;
  try {
    http = await measureHttp(`http://127.0.0.1:${port}`, key.secret, (m) => console.log(`[${engine}] ${m}`));
  } finally {
    await stop(server);
  }
  return report(engine, seedSecs, seedOut, naive, http);
}

function report(engine: string, seedSecs: number, seedOut: string, naive: Record<string, number[]>, http: HttpResults) {
  const fmt = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const p = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
    return `${p(0.5).toFixed(1)} | ${p(0.95).toFixed(1)} | ${p(0.99).toFixed(1)} | ${s.length}`;
  };
  const lines = [
    `#### ${engine}`,
    '',
    `Seed command this run: ${seedSecs.toFixed(0)} s (${seedOut.trim().split('\n').pop() ?? ''})`,
    '',
    '| measurement (ms, through HTTP unless naive) | median | p95 | p99 | n |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(http.timings).map(([k, v]) => `| ${k} | ${fmt(v)} |`),
    ...Object.entries(naive).map(([k, v]) => `| naive ${k} (SQL, no index) | ${fmt(v)} |`),
    '',
    `Server: worst event-loop stall ${http.metrics.eventLoopDelayMs.max} ms beyond the 10 ms sampling tick (p99 ${http.metrics.eventLoopDelayMs.p99} ms), load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}, RSS ${(http.metrics.rssBytes / 2 ** 20).toFixed(0)} MiB after the run.`,
    '',
  ];
  return lines.join('\n');
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(Number(execFileSync('awk', ['/MemTotal/ {print $2}', '/proc/meminfo'], { encoding: 'utf8' })) / 2 ** 20).toFixed(0)} GiB RAM, Node ${process.version}`;
// `--only erasure [--guests N] [--erase K]`: the cost of erasing a guest (bench/erasure.ts) alone.
if (only === 'erasure') {
  await import('./erasure.ts');
  process.exit(0);
}
// `--only export [--guests N] [--engine embedded|postgres]`: exporting guests to CSV against COPY (bench/exports.ts) alone.
if (only === 'export') {
  await import('./exports.ts');
  process.exit(0);
}
// `--only import [--rows N] [--engine E]`: import throughput (bench/imports.ts) alone.
if (only === 'import') {
  await import('./imports.ts');
  process.exit(0);
}
// `--only identity-rescan [--guests N]`: the identity rescan over N profiles on PostgreSQL (bench/identity-rescan.ts) alone.
if (only === 'identity-rescan') {
  await import('./identity-rescan.ts');
  process.exit(0);
}
// `--only timeline [--guests N]`: the guest timeline for a guest with 1,000 events (bench/timeline.ts) alone.
if (only === 'timeline') {
  await import('./timeline.ts');
  process.exit(0);
}
// `--only identity-load`: booking resolution latency and ingest at 1M profiles (bench/identity-load.ts) alone.
if (only === 'identity-load') {
  const section = await runIdentityLoad();
  appendFileSync('BENCHMARKS.md', section);
  console.log(section);
  process.exit(0);
}
const sections: string[] = [];
if (only !== 'postgres') sections.push(await runEngine('embedded', 3901));
if (only !== 'embedded') {
  if (await pgReachable()) sections.push(await runEngine('postgres', 3902));
  else {
    console.log(`PostgreSQL is not reachable at ${PG_ADMIN}: skipping the PostgreSQL part.`);
    sections.push('#### postgres\n\nSkipped: PostgreSQL not reachable.\n');
  }
}
const header = `\n### Guest search/list at ${N.toLocaleString('en')} guests — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\nMachine: ${machine}. Command: \`npm run bench -- ${args.join(' ')}\`.\n\n`;
if (!existsSync('BENCHMARKS.md')) appendFileSync('BENCHMARKS.md', '# Benchmarks\n');
appendFileSync('BENCHMARKS.md', header + sections.join('\n'));
console.log(header + sections.join('\n'));
// The full run adds identity resolution under load (skipped with a message without its database).
if (only === undefined && N === 1_000_000) {
  const section = await runIdentityLoad();
  appendFileSync('BENCHMARKS.md', section);
  console.log(section);
}
