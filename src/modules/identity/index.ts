export { matchSettings } from './resolver.service.ts';
export { resolvePeople, resolvePerson } from './resolve-people.service.ts';
export { dismissDuplicate, getGuestIdentity, listDuplicates } from './duplicates.service.ts';
export { registerDuplicateRoutes } from './duplicates.routes.ts';
export { moveIdentityRecords, restoreIdentityRecords, type IdentityMoves } from './identity-merge.ts';
export { registerIdentitySettingsRoutes } from './identity-settings.routes.ts';
export { IDENTITY_MODEL_JOB, identityJobHandlers } from './identity-settings.service.ts';
export { computeIdentityModel } from './model.service.ts';
export { loadMatchSettings } from './match-settings.ts';
