export { registerRetentionRoutes } from './retention.routes.ts';
export { retentionJobHandlers, scheduleRetention, RETENTION_JOB, RETENTION_BATCH } from './retention.jobs.ts';
export { getPrivacySettings, DEFAULT_BACKUP_DAYS } from './retention.service.ts';
