import type { Selectable } from 'kysely';
import type { ImportRunTable } from '../../db/schema.ts';

type ImportRunRow = Selectable<ImportRunTable>;
type SummaryErrors = {
  errors: Array<{ record: number; field: string; code: string; message: string }>;
  errorsTruncated: boolean;
};

/** The problems of rejected records, one item per problem, at most `limit` of them. */
export function presentImportSummaryErrors(
  rows: Array<{ record: number; problems: Array<{ field: string; code: string; message: string }> }>,
  limit: number,
): SummaryErrors {
  const errors: SummaryErrors['errors'] = [];
  let errorsTruncated = false;
  for (const row of rows) {
    for (const p of row.problems) {
      if (errors.length >= limit) {
        errorsTruncated = true;
        break;
      }
      errors.push({ record: row.record, field: p.field, code: p.code, message: p.message });
    }
    if (errorsTruncated) break;
  }
  return { errors, errorsTruncated };
}

/** An import as the API shows it: `{id, status, dryRun, progress, summary}` and a few extra fields. */
export function presentImportRun(row: ImportRunRow, errors: SummaryErrors) {
  return {
    id: row.id,
    status: row.status,
    dryRun: row.dryRun,
    onExisting: row.onExisting,
    fileName: row.fileName,
    progress: { done: row.checkpoint, total: row.total },
    uploadKept: row.uploadDeletedAt === null,
    failure: row.failure,
    createdAt: row.createdAt.toISOString(),
    createdBy: { type: row.createdByType, id: row.createdById },
    finishedAt: row.finishedAt?.toISOString() ?? null,
    summary: {
      records: row.records,
      created: row.created,
      updated: row.updated,
      unchanged: row.unchanged,
      invalid: row.invalid,
      format: { kind: row.kind, encoding: row.encoding, delimiter: row.delimiter },
      formatId: row.formatId,
      formatName: row.formatName,
      mapping: row.mapping,
      bookings: { created: row.bookingsCreated, existing: row.bookingsExisting },
      roomTypesCreated: row.roomTypesCreated,
      tagsDropped: row.tagsDropped,
      ...errors,
    },
  };
}
