export { auditRow, recordAudit } from './audit.service.ts';
