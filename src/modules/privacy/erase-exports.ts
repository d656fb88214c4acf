// The file helper itself, not exports/index.ts: the exports module reaches guests, which reaches
// privacy, so going through its index would make an import cycle at start-up.
import { deleteOrganisationExports } from '../exports/export-files.ts';
import type { ErasureRun } from './erasure-run.ts';
import type { PersonalDataPlace } from './registry.ts';
import { scrubColumns } from './scrub-columns.ts';

/**
 * Guest exports (issue 13, D-2). Which guests an export listed is not recorded (a million ids per
 * export is not cheap), so an erasure deletes every export file of the organisation not deleted yet:
 * the simplest rule that leaves no copy of the person. The export rows stay (who exported what,
 * when), their filters scrubbed like a segment's.
 */
export const EXPORT_PLACES: PersonalDataPlace[] = [
  {
    kind: 'table',
    table: 'export_file',
    personal: ['filters'],
    other: [
      'id',
      'format',
      'status',
      'segment_id',
      'fields',
      'created_by_type',
      'created_by_id',
      'file_name',
      'error',
      'deleted_reason',
    ],
    find: "filters (a search text may name the person): any export of the organisation's",
    erase: "filters scrubbed of the person's full names, e-mails, phones and document numbers",
    run: (run: ErasureRun) =>
      scrubColumns(
        run.trx,
        run.subject.orgId,
        { table: 'export_file', key: ['id'], columns: [{ name: 'filters', kind: 'json' }] },
        run.org,
      ),
  },
  {
    kind: 'files',
    name: 'export files (files area "exports": CSV, XLSX, vCard)',
    find: 'every export of the organisation not yet deleted (which guests a file lists is not recorded)',
    erase: 'files deleted, exports marked deleted (reason erasure); a running export deletes its file when it ends',
    run: (run: ErasureRun) => deleteOrganisationExports(run.trx, run.subject.orgId, 'erasure'),
  },
];
