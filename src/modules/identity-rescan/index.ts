export { registerRescanRoutes } from './rescan.routes.ts';
export {
  IDENTITY_RESCAN_JOB,
  findActiveRescan,
  getRescan,
  listRescans,
  presentRescan,
  startRescan,
} from './rescan.service.ts';
export { RescanTakenOver, runRescan } from './rescan-run.ts';
export { rescanJobHandlers } from './rescan.job.ts';
