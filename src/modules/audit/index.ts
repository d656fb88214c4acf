export { auditRow, recordAudit } from './audit.service.ts';
export { listAuditLog } from './audit-log.service.ts';
