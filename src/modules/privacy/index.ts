export { eraseGuest, eraseGuestIn, type EraseOptions, type ErasureResult } from './erasure.service.ts';
export {
  PERSONAL_DATA_PLACES,
  NO_PERSONAL_DATA,
  tablePlaces,
  type PersonalDataPlace,
  type TablePlace,
  type OtherPlace,
} from './registry.ts';
export { privacyJobHandlers, VACUUM_JOB } from './vacuum.job.ts';
export { ERASED } from './scrub.ts';
