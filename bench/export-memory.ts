/**
 * Where an export's memory goes (issue 13, D-2): runs one CSV export of every guest in this process
 * through the job handler, sampling process.memoryUsage() every 250 ms (RSS, V8 heap, external,
 * array buffers). Uses the configured database (DATABASE_URL or the embedded data dir).
 *
 *   DATABASE_URL=… CLIENTELA_ENCRYPTION_KEY=… node --import tsx bench/export-memory.ts [--format csv]
 */
import { withDatabase, cliCtx } from '../src/cli/cli-context.ts';
import { runNextJob } from '../src/jobs/queue.ts';
import { createExport, exportJobHandlers } from '../src/modules/exports/index.ts';

const args = process.argv.slice(2);
const format = (args[args.indexOf('--format') + 1] ?? 'csv') as 'csv' | 'xlsx' | 'vcf';
const mib = (n: number) => Math.round(n / 2 ** 20);

await withDatabase(async (database) => {
  const ctx = await cliCtx(database);
  const samples: ReturnType<typeof process.memoryUsage>[] = [];
  const start = process.memoryUsage();
  const timer = setInterval(() => samples.push(process.memoryUsage()), 250);
  const { id } = await createExport(ctx, { format });
  const t0 = performance.now();
  await runNextJob(database.system, exportJobHandlers);
  const ms = performance.now() - t0;
  clearInterval(timer);
  const row = await database.system.selectFrom('exportFile').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const peak = (k: keyof NodeJS.MemoryUsage) => mib(Math.max(...samples.map((s) => s[k])));
  console.log(`export ${id} ${row.status}: ${row.rowCount} rows in ${Math.round(ms)} ms`);
  console.log(
    `MiB at start: rss ${mib(start.rss)} heapUsed ${mib(start.heapUsed)} heapTotal ${mib(start.heapTotal)} external ${mib(start.external)} arrayBuffers ${mib(start.arrayBuffers)}`,
  );
  console.log(
    `MiB peak:     rss ${peak('rss')} heapUsed ${peak('heapUsed')} heapTotal ${peak('heapTotal')} external ${peak('external')} arrayBuffers ${peak('arrayBuffers')}`,
  );
  const every = Math.max(1, Math.floor(samples.length / 12));
  for (let i = 0; i < samples.length; i += every) {
    const s = samples[i]!;
    console.log(
      `  t=${(i / 4).toFixed(1)}s rss ${mib(s.rss)} heapUsed ${mib(s.heapUsed)} heapTotal ${mib(s.heapTotal)} external ${mib(s.external)}`,
    );
  }
});
