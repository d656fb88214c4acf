/** Guest exports (issue 13, D-2): CSV / XLSX / vCard files of the guest list, written by a job, kept 7 days. */
export { registerExportRoutes } from './export.routes.ts';
export { exportJobHandlers } from './export.job.ts';
export {
  createExport,
  getExport,
  listExports,
  EXPORT_JOB,
  EXPORT_EXPIRE_JOB,
  EXPORT_KEEP_DAYS,
} from './export.service.ts';
export { deleteExpiredExports, deleteOrganisationExports } from './export-files.ts';
export { EXPORT_COLUMNS } from './export.schemas.ts';
