import { z } from 'zod';
import { IMPORT_FIELDS, ImportMapping } from './reading/index.ts';

export const ON_EXISTING = ['enrich', 'overwrite', 'skip'] as const;
export const OnExisting = z.enum(ON_EXISTING);
export type OnExisting = z.infer<typeof OnExisting>;

/** What a new import is asked to do (the multipart fields, the run-again body, the CLI options). */
export interface ImportRequest {
  dryRun: boolean;
  mapping?: ImportMapping;
  onExisting: OnExisting;
}

/** The multipart form of `POST /api/v1/imports`, as documented (the file is streamed, not validated by this). */
export const ImportUploadForm = z
  .object({
    file: z.string().meta({ format: 'binary' }).describe('The CSV or XLSX file'),
    dryRun: z.enum(['true', 'false']).optional().describe('`true`: count and check without writing (default false)'),
    mapping: z
      .string()
      .optional()
      .describe('JSON object: column header → field (unlisted headers keep the detected mapping)'),
    onExisting: OnExisting.optional().describe('What a matched existing guest gets (default enrich)'),
  })
  .meta({ id: 'ImportUploadForm' });

/** The text fields of the multipart form, checked once the parts are read. */
export const ImportFormFields = z.strictObject({
  dryRun: z.enum(['true', 'false']).optional(),
  mapping: z.string().max(300_000).optional(),
  onExisting: OnExisting.optional(),
});

export const RunImportBody = z.strictObject({
  dryRun: z.boolean().optional(),
  mapping: ImportMapping.optional(),
  onExisting: OnExisting.optional(),
});

export const ImportIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const ImportAccepted = z.object({ id: z.string(), status: z.string() }).meta({ id: 'ImportAccepted' });

const ImportErrorItem = z.object({
  record: z.number().int(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});

export const ImportSummarySchema = z.object({
  records: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.number().int(),
  format: z.object({ kind: z.string(), encoding: z.string().nullable(), delimiter: z.string().nullable() }),
  formatId: z.string(),
  formatName: z.string(),
  mapping: z.record(z.string(), z.string()),
  bookings: z.object({ created: z.number().int(), existing: z.number().int() }),
  roomTypesCreated: z.array(z.string()),
  tagsDropped: z.number().int(),
  errors: z.array(ImportErrorItem),
  /** More problems than the 10,000 listed: the full list is in errors.csv. */
  errorsTruncated: z.boolean(),
});

const ImportRunBase = {
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  dryRun: z.boolean(),
  onExisting: OnExisting,
  fileName: z.string(),
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
  uploadKept: z.boolean(),
  failure: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
  finishedAt: z.string().nullable(),
};

export const ImportRunSchema = z.object({ ...ImportRunBase, summary: ImportSummarySchema }).meta({ id: 'ImportRun' });

export const ImportRunListItem = z
  .object({
    ...ImportRunBase,
    summary: ImportSummarySchema.omit({ errors: true, errorsTruncated: true }),
  })
  .meta({ id: 'ImportRunListItem' });

export const ListImportsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const ImportRunList = z.object({ items: z.array(ImportRunListItem), nextCursor: z.string().nullable() });

export const ImportColumnsSchema = z
  .object({
    formatId: z.string(),
    formatName: z.string(),
    kind: z.string(),
    encoding: z.string().nullable(),
    delimiter: z.string().nullable(),
    columns: z.array(z.object({ header: z.string(), field: z.enum(IMPORT_FIELDS), samples: z.array(z.string()) })),
  })
  .meta({ id: 'ImportColumns' });
