/**
 * `npx tsx bench/import-apply.ts [--records N] [--batch 500]` (PostgreSQL: BENCH_PG_URL or
 * TEST_DATABASE_URL=postgres://…/test): times `applyRecords` alone — N generated people (5 %
 * repeats of an earlier one, some with tags, notes, a newsletter answer) in batches into an empty
 * organisation, each batch its own transaction, as the import job commits them. Prints records/s
 * and records per CPU-second (this process; on a local PostgreSQL, its server processes too).
 * A fresh in-memory PGlite (embedded) or a new database on the server.
 */
import { readFile } from 'node:fs/promises';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { createTestDatabase, engineName } from '../test/support/db.ts';
import { applyRecords } from '../src/modules/imports/index.ts';
import type { ReadRecord } from '../src/modules/imports/index.ts';
import { createOrganisation } from '../src/modules/tenancy/index.ts';
import type { Ctx } from '../src/core/context.ts';

const args = process.argv.slice(2);
const arg = (name: string, d: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const N = arg('records', 10_000);
const BATCH = arg('batch', 500);

const FIRST = ['Ana', 'Luis', 'Marta', 'John', 'Emma', 'Pierre', 'Sofía', 'Hugo', 'Lucía', 'Paul', 'Chloé', 'Kenji'];
const LAST = ['García', 'Martin', 'Smith', 'Dubois', 'López', 'Rossi', 'Müller', 'Brown', 'Ortega Vidal', 'Watanabe'];
const SYL = ['ra', 'mo', 'li', 'ne', 'ta', 'so', 've', 'du', 'ki', 'po', 'be', 'ga', 'fi', 'lo', 'su', 'ze'];
const TAGS = ['VIP', 'Repeat', 'Business', 'Family', 'Late arrival'];

function person(i: number): ReadRecord['person'] {
  // Realistic variety: syllable-built names (namesakes exist, but not one in a hundred).
  const first = `${FIRST[i % FIRST.length]!}${i % 7 ? '' : ` ${SYL[(i >> 3) % SYL.length]!}a`}`;
  const last = `${LAST[(i >> 2) % LAST.length]!}${SYL[(i >> 4) % SYL.length]!}${SYL[(i >> 9) % SYL.length]!}`;
  return {
    givenName: first,
    familyName: last,
    emails: [`guest${i}@example.com`],
    phones: i % 3 === 0 ? [{ e164: `+3461${String(i).padStart(7, '0')}`, display: `+34 61${i}` }] : [],
    ...(i % 4 === 0 ? { birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 9}` } : {}),
    ...(i % 2 === 0 ? { language: 'es' } : {}),
    ...(i % 5 === 0 ? { address: { line1: `Calle ${i}`, city: 'Madrid', postcode: '28013', country: 'ES' } } : {}),
    notes: i % 10 === 0 ? [`Note ${i}`] : [],
    tags: i % 7 === 0 ? [TAGS[i % TAGS.length]!] : [],
    groups: [],
    consents: i % 6 === 0 ? [{ purpose: 'newsletter', granted: i % 12 === 0, source: 'import' }] : [],
  };
}

/**
 * PostgreSQL on this machine: the CPU time (in seconds) of each server process serving this
 * database, read from /proc — the work the server does for the import, whatever else the machine
 * runs. Empty when the server is elsewhere (or /proc is not readable).
 */
async function serverCpu(db: Kysely<DB>): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (engineName !== 'postgres') return out;
  const { rows } = await sql<{
    pid: number;
  }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  for (const { pid } of rows) {
    try {
      const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // another machine, or the process has gone
    }
  }
  return out;
}

const t = await createTestDatabase();
try {
  const { orgId } = await createOrganisation(t.database.system, { name: 'Bench', propertyName: 'P' });
  const ctx: Ctx = {
    db: t.database.forOrg(orgId),
    orgId,
    actor: { actorType: 'system', actorId: null },
    requestId: null,
    permissions: 'system',
    consentSource: 'import',
    consentReference: 'imp_bench',
  };
  const records: ReadRecord[] = Array.from({ length: N }, (_, k) => {
    // 5 % repeat someone earlier in the file.
    const i = k > 20 && k % 20 === 0 ? k - 17 : k;
    return { record: k + 1, line: k + 2, person: person(i), problems: [], rejected: false };
  });
  const counts: Record<string, number> = {};
  const server = await serverCpu(t.database.system);
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < N; i += BATCH) {
    const r = await ctx.db
      .transaction()
      .execute((trx) =>
        applyRecords(ctx, trx, records.slice(i, i + BATCH), { onExisting: 'enrich', importId: 'imp_bench' }),
      );
    for (const o of r.outcomes) counts[o.outcome] = (counts[o.outcome] ?? 0) + 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  // Embedded: the database runs in this process, so CPU time is the cost whatever else the machine runs.
  const cpuSeconds = (used.user + used.system) / 1e6;
  let serverSeconds = 0;
  for (const [pid, s] of await serverCpu(t.database.system)) serverSeconds += s - (server.get(pid) ?? 0);
  console.log(
    `${engineName}: ${N} records in batches of ${BATCH}: ${seconds.toFixed(2)} s, ${Math.round(N / seconds)} records/s` +
      ` (this process's CPU: ${cpuSeconds.toFixed(2)} s, ${Math.round(N / cpuSeconds)} records per CPU-second` +
      (serverSeconds > 0
        ? `; server processes' CPU: ${serverSeconds.toFixed(2)} s, together ${Math.round(N / (cpuSeconds + serverSeconds))} records per CPU-second`
        : '') +
      ')',
    counts,
  );
} finally {
  await t.destroy();
}
