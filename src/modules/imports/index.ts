/** Imports (issue 13): the file-reading core, applying records, the import run (tables, job, resume), its API. */
export * from './reading/index.ts';
export * from './apply/index.ts';
export { registerImportRoutes } from './import-run.routes.ts';
export { importJobHandlers, failImport } from './import-run.job.ts';
export { type RunImportOptions, runImport } from './import-run.pipeline.ts';
export { IMPORT_RUN_JOB, createImport, getImport, listImports, runImportAgain } from './import-run.service.ts';
export { deleteExpiredImportUploads, releaseUpload } from './import-upload-cleanup.ts';
export { type ImportRequest } from './import-run.schemas.ts';
export { eraseImportErrors, eraseKeptUploads } from './import-erasure.ts';
