/**
 * The plans of the guest timeline query (issue 16 point 5), for the bench database of bench/timeline.ts:
 *
 *   node --import tsx bench/timeline-explain.ts [--guests N] [--kind message,email] [--deep]
 *
 * Runs `guestTimeline` for the guest with 1,000 events (first page, or with --deep the page after
 * 600 events) and prints EXPLAIN (ANALYZE, BUFFERS) of every SQL statement it sends to PostgreSQL.
 */
import { CamelCasePlugin, Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { DB } from '../src/db/schema.ts';
import { TenantScopePlugin } from '../src/db/tenant-scope.plugin.ts';
import { guestTimeline } from '../src/modules/timeline/timeline.service.ts';
import type { TimelineKind } from '../src/modules/timeline/timeline.schemas.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const N = Number(arg('guests') ?? 100_000);
const url = (process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(
  /\/[^/]*$/,
  `/clientela_bench_timeline_${N}`,
);
const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c jit=off' });
const sent: CompiledQuery[] = [];
const system = new Kysely<DB>({
  dialect: new PostgresDialect({ pool }),
  plugins: [new CamelCasePlugin()],
  log: (e) => {
    if (e.level === 'query') sent.push(e.query);
  },
});
try {
  const org = (await system.selectFrom('organisation').select('id').executeTakeFirstOrThrow()).id;
  const guest = (
    await system
      .selectFrom('guest')
      .select('id')
      .where('orgId', '=', org)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).id;
  const ctx = {
    db: system.withPlugin(new TenantScopePlugin(org)),
    orgId: org,
    actor: { actorType: 'system', actorId: 'explain' },
    requestId: null,
    permissions: 'system',
  } as const;
  const kind = arg('kind') ? { kind: arg('kind')!.split(',') as TimelineKind[] } : {};
  let cursor: string | undefined;
  if (args.includes('--deep'))
    cursor = (await guestTimeline(ctx, { all: true }, guest, { limit: 600, ...kind })).nextCursor ?? undefined;
  sent.length = 0;
  await guestTimeline(ctx, { all: true }, guest, { limit: 50, ...kind, ...(cursor ? { cursor } : {}) });
  for (const q of sent) {
    const plan = await pool.query(`explain (analyze, buffers) ${q.sql}`, q.parameters as unknown[]);
    console.log(`${q.sql}\n${JSON.stringify(q.parameters)}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`);
  }
  // Planning and execution time, median of 50 runs (no per-node timing).
  const times: [number, number][] = [];
  const timeline = sent.at(-1)!;
  for (let k = 0; k < 50; k++) {
    const r = await pool.query<{ 'QUERY PLAN': [{ 'Planning Time': number; 'Execution Time': number }] }>(
      `explain (analyze, timing off, format json) ${timeline.sql}`,
      timeline.parameters as unknown[],
    );
    const [{ 'Planning Time': plan, 'Execution Time': exec }] = r.rows[0]!['QUERY PLAN'];
    times.push([plan, exec]);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!.toFixed(2);
  console.log(
    `timeline query, median of 50: planning ${median(times.map((t) => t[0]))} ms, execution ${median(times.map((t) => t[1]))} ms`,
  );
} finally {
  await system.destroy();
}
