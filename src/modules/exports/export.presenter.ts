import type { ExportFileTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import type { ExportView } from './export.schemas.ts';

export type ExportRow = Selectable<ExportFileTable> & { createdByName: string | null };

/** The status the API shows: a finished file past its expiry or deleted reads expired/deleted. */
function statusOf(r: ExportRow, now: Date): ExportView['status'] {
  if (r.deletedAt) return r.deletedReason === 'expired' ? 'expired' : 'deleted';
  if (r.status === 'done' && r.expiresAt <= now) return 'expired';
  return r.status;
}

/** An export as the API returns it. */
export function presentExport(r: ExportRow, now = new Date()): ExportView {
  return {
    id: r.id,
    format: r.format,
    status: statusOf(r, now),
    progress: { done: r.rowCount, total: r.total },
    rows: r.rowCount,
    segmentId: r.segmentId,
    filters: r.filters,
    fields: r.fields,
    masked: r.masked,
    fileName: r.fileName && downloadName(r),
    sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes),
    createdBy: { type: r.createdByType, id: r.createdById, name: r.createdByName },
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt.toISOString(),
    deletedAt: r.deletedAt?.toISOString() ?? null,
    deletedReason: r.deletedReason,
    error: r.error,
  };
}

const EXTENSIONS = { csv: 'csv', xlsx: 'xlsx', vcf: 'vcf' } as const;
export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  vcf: 'text/vcard; charset=utf-8',
} as const;

/** The name a download is saved under: guests-<date>-<id>.<ext> (ASCII only, safe in a header). */
export function downloadName(r: Pick<ExportRow, 'id' | 'format' | 'createdAt'>): string {
  return `guests-${r.createdAt.toISOString().slice(0, 10)}-${r.id}.${EXTENSIONS[r.format]}`;
}

/** The stored file's name in the exports area (an id we made, never user input). */
export const storedName = (r: Pick<ExportRow, 'id' | 'format'>): string => `${r.id}.${EXTENSIONS[r.format]}`;
