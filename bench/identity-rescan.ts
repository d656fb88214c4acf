/**
 * Identity rescan (issue 14, point 5): `npx clientela identity rescan` over N profiles on
 * PostgreSQL (target: 1,000,000 profiles in ≤ 10 minutes).
 *
 *   npm run bench -- --only identity-rescan [--guests N]     (default: 100,000 profiles)
 *
 * Builds the database clientela_bench_rescan_N_seed once (kept as a template; `--reseed` rebuilds it,
 * `--seed-only` stops there): `clientela seed --guests N'` realistic guests, then a planted sample (src/modules/identity-rescan/rescan-fixture.ts: people written a second time as
 * a receptionist meets them again, and relatives sharing an e-mail) so that N profiles in all;
 * then clones it as clientela_bench_rescan_N and times, through the CLI, a dry run and the real rescan (wall time of the command). Appends
 * the figures to BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import type { Ctx } from '../src/core/context.ts';
import { openDatabase } from '../src/db/database.ts';
import { insertGuests } from '../src/modules/guests/index.ts';
import { rescanFixture } from '../src/modules/identity-rescan/rescan-fixture.ts';
import { cli } from './processes.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const N = Number(arg('guests') ?? 100_000);
/** Profiles of the planted sample (half of its people written twice). */
const PLANTED = Math.min(20_000, Math.max(1000, Math.round(N / 50)));
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_URL = PG_ADMIN.replace(/\/[^/]*$/, `/clientela_bench_rescan_${N}`);
const BENCH_KEY = Buffer.from('clientela-bench-encryption-key!!').toString('base64');
const env = { DATABASE_URL: PG_URL, CLIENTELA_ENCRYPTION_KEY: BENCH_KEY };

type Out = {
  summary: Record<'compared' | 'merges' | 'mergedProfiles' | 'queued' | 'related' | 'removed' | 'skipped', number>;
  progress: { total: number };
};

async function admin(text: string) {
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  await c.query(text);
  await c.end();
}

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** The seeded database, kept as a template: a second run (or one after `--seed-only`) clones it in seconds. */
const SEED_DB = `clientela_bench_rescan_${N}_seed`;

async function adminQuery(text: string) {
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  try {
    return (await c.query(text)).rows as Record<string, unknown>[];
  } finally {
    await c.end();
  }
}

const fixture = rescanFixture(PLANTED, { seed: 42, duplicateRate: 0.5, relativeRate: 0.1 });
const seeded = (await adminQuery(`select 1 from pg_database where datname = '${SEED_DB}'`)).length > 0;
if (!seeded || args.includes('--reseed')) await seed();
if (args.includes('--seed-only')) process.exit(0);
await admin(`drop database if exists clientela_bench_rescan_${N} with (force)`);
await admin(`create database clientela_bench_rescan_${N} template ${SEED_DB}`);

async function seed() {
  const SEED_URL = PG_ADMIN.replace(/\/[^/]*$/, `/${SEED_DB}`);
  const seedEnv = { DATABASE_URL: SEED_URL, CLIENTELA_ENCRYPTION_KEY: BENCH_KEY };
  await admin(`drop database if exists ${SEED_DB} with (force)`);
  await admin(`create database ${SEED_DB}`);
  cli(seedEnv, 'org', 'create', '--name', 'Hotel Rescan', '--owner-email', 'owner@rescan.bench', '--json');
  console.error(`seeding ${N - PLANTED} guests, then ${PLANTED} planted (${fixture.duplicates} second writings)…`);
  cli(seedEnv, 'seed', '--guests', String(N - PLANTED));
  const database = await openDatabase({ kind: 'postgres', url: SEED_URL, poolSize: 2 });
  try {
    const org = await database.system.selectFrom('organisation').select('id').executeTakeFirstOrThrow();
    const db = database.forOrg(org.id);
    for (let i = 0; i < fixture.guests.length; i += 1000)
      await db.transaction().execute(async (trx) => {
        const ctx: Ctx = {
          db: trx,
          orgId: org.id,
          actor: { actorType: 'system', actorId: 'bench' },
          requestId: null,
          permissions: 'system',
        };
        await insertGuests(
          ctx,
          trx,
          fixture.guests.slice(i, i + 1000).map((body) => ({ body })),
        );
      });
  } finally {
    await database.close();
  }
  execFileSync('psql', [SEED_URL, '-qc', 'vacuum analyze'], { stdio: 'inherit' });
}

console.error('dry run…');
const dry = timed(() => JSON.parse(cli(env, 'identity', 'rescan', '--dry-run', '--json')) as Out);
console.error(`dry run: ${dry.seconds.toFixed(1)} s`, dry.value.summary);
console.error('rescan…');
const real = timed(() => JSON.parse(cli(env, 'identity', 'rescan', '--json')) as Out);
console.error(`rescan: ${real.seconds.toFixed(1)} s`, real.value.summary);
// `--skip-second`: no second rescan (at 1,000,000 profiles on a shared machine, the time it takes).
const again = args.includes('--skip-second')
  ? undefined
  : timed(() => JSON.parse(cli(env, 'identity', 'rescan', '--json')) as Out);
if (again) console.error(`second rescan: ${again.seconds.toFixed(1)} s`, again.value.summary);

const s = real.value.summary;
const row = (label: string, r: { value: Out; seconds: number }) =>
  `| ${label} | ${r.value.progress.total.toLocaleString('en')} | ${r.seconds.toFixed(1)} s | ${Math.round(r.value.progress.total / r.seconds).toLocaleString('en')} | ${r.value.summary.compared} | ${r.value.summary.merges} | ${r.value.summary.queued} / ${r.value.summary.related} | ${r.value.summary.removed} |`;
const text = `
### Identity rescan at ${N.toLocaleString('en')} profiles, PostgreSQL (${new Date().toISOString().slice(0, 10)})

\`npm run bench -- --only identity-rescan --guests ${N}\` (bench/identity-rescan.ts): ${N - PLANTED} seeded guests plus
${PLANTED} planted profiles holding ${fixture.duplicates} second writings of a person and ${fixture.relatives} relatives
sharing an e-mail; wall time of the CLI command (start-up and migration check included). Machine: ${cpus().length} cores
shared with other work (load average ${loadavg()[0]!.toFixed(1)} at the end).

| Run | Profiles | Time | Profiles/s | Pairs judged | Merges | Queued / related | Left the queue |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${row('dry run', dry)}
${row('rescan', real)}
${again ? row('second rescan', again) : ''}

Planted second writings found and merged: ${s.mergedProfiles >= fixture.duplicates ? 'all' : `${s.mergedProfiles} of ${fixture.duplicates}`} (${s.mergedProfiles} profiles merged in all).
`;
appendFileSync('BENCHMARKS.md', text);
console.log(text);
