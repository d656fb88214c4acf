import { Readable } from 'node:stream';
import type { Ctx } from '../../core/context.ts';
import { stringifyCsvSafe } from '../../core/csv-safe.ts';
import { getImportRow } from './import-run.service.ts';

/** The column added to the error report: why each record was not imported. */
export const REASON_COLUMN = 'Import error';

/**
 * `errors.csv`: the rejected records as they were in the file (same headers) plus a reason
 * column, UTF-8 with BOM, every cell formula-guarded; streamed page by page.
 */
export async function streamImportErrors(ctx: Ctx, id: string): Promise<Readable> {
  const run = await getImportRow(ctx.db, id);
  const width = run.headers.length;
  async function* lines() {
    yield `\uFEFF${stringifyCsvSafe([[...run.headers, REASON_COLUMN]])}`;
    let after = 0;
    for (;;) {
      const page = await ctx.db
        .selectFrom('importError')
        .select(['record', 'problems', 'cells'])
        .where('importId', '=', id)
        .where('record', '>', after)
        .orderBy('record')
        .limit(1000)
        .execute();
      if (!page.length) return;
      yield stringifyCsvSafe(
        page.map((row) => {
          const cells = row.cells.slice(0, width);
          while (cells.length < width) cells.push('');
          const reason = row.problems.map((p) => `record ${row.record}, ${p.field}: ${p.message}`).join(' | ');
          return [...cells, reason];
        }),
      );
      after = page.at(-1)?.record ?? after;
    }
  }
  return Readable.from(lines());
}
