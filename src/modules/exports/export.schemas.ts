import { z } from 'zod';
import { CLIENTELA_COLUMNS } from '../imports/index.ts';
import { GuestFilters } from '../guests/index.ts';

/** The columns of an export: the headers Clientela's importer recognises (an export re-imports as it is). */
export const EXPORT_COLUMNS = Object.keys(CLIENTELA_COLUMNS) as [
  keyof typeof CLIENTELA_COLUMNS,
  ...(keyof typeof CLIENTELA_COLUMNS)[],
];
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx', 'vcf'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** `POST /exports`: the guest list's filters or a saved segment, and the columns wanted (all by default). */
export const CreateExportBody = z.strictObject({
  format: ExportFormat,
  segmentId: z.string().min(1).max(64).optional(),
  filters: GuestFilters.optional(),
  fields: z.array(z.enum(EXPORT_COLUMNS)).min(1).max(EXPORT_COLUMNS.length).optional(),
});
export type CreateExportInput = z.infer<typeof CreateExportBody>;

export const ExportStatus = z.enum(['queued', 'running', 'done', 'failed', 'expired', 'deleted']);

export const ExportSchema = z
  .object({
    id: z.string(),
    format: ExportFormat,
    status: ExportStatus,
    progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
    rows: z.number().int(),
    segmentId: z.string().nullable(),
    filters: z.record(z.string(), z.unknown()),
    fields: z.array(z.string()),
    masked: z.boolean().describe('Personal data masked: the exporter lacked personal-data:read'),
    fileName: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    createdBy: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    expiresAt: z.string(),
    deletedAt: z.string().nullable(),
    deletedReason: z.enum(['expired', 'erasure']).nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'Export' });
export type ExportView = z.infer<typeof ExportSchema>;

export const CreatedExport = z.object({ id: z.string(), status: ExportStatus });

export const ListExportsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const ExportList = z.object({ items: z.array(ExportSchema), nextCursor: z.string().nullable() });
