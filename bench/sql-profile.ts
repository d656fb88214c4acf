/**
 * `node --import tsx bench/sql-profile.ts <bench args>`: runs bench/imports.ts with every SQL
 * statement sent through `pg` timed (PostgreSQL engine only), and prints, at exit, the statements
 * that took the most time in total (shape = first 110 characters). A profiling aid, not a benchmark.
 */
import pg from 'pg';

const stats = new Map<string, { n: number; ms: number; max: number }>();
let seen = 0;
// eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped and called with its client as `this`
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
  const shape = text.replace(/\s+/g, ' ').trim().slice(0, 110);
  const explain = process.env.EXPLAIN_MATCH;
  if (explain && shape.includes(explain) && (seen += 1) === Number(process.env.EXPLAIN_NTH ?? 3)) {
    const values = Array.isArray(args[1]) ? args[1] : undefined;
    void original.call(this, 'savepoint sql_profile');
    void (
      original.call(this, `explain (analyze, buffers) ${text}`, values) as Promise<{ rows: Record<string, string>[] }>
    ).then(
      (r) => console.log(r.rows.map((x) => Object.values(x)[0]).join('\n')),
      (e: Error) => console.log('explain failed', e.message),
    );
    void original.call(this, 'rollback to savepoint sql_profile');
  }
  const started = performance.now();
  const out = original.apply(this, args);
  if (out && typeof (out as Promise<unknown>).then === 'function')
    void (out as Promise<unknown>).then(
      () => note(shape, performance.now() - started),
      () => note(shape, performance.now() - started),
    );
  return out;
} as typeof pg.Client.prototype.query;

function note(shape: string, ms: number) {
  const s = stats.get(shape) ?? { n: 0, ms: 0, max: 0 };
  s.n += 1;
  s.ms += ms;
  s.max = Math.max(s.max, ms);
  stats.set(shape, s);
}

process.on('exit', () => {
  const total = [...stats.values()].reduce((a, s) => a + s.ms, 0);
  console.log(`SQL total ${(total / 1000).toFixed(1)} s`);
  for (const [shape, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40))
    console.log(
      `${(s.ms / 1000).toFixed(2).padStart(7)} s ${String(s.n).padStart(6)}× max ${s.max.toFixed(0).padStart(5)} ms  ${shape}`,
    );
});

await import('./imports.ts');
