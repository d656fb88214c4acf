export { matchSettings } from './resolver.service.ts';
export { resolvePeople, resolvePerson } from './resolve-people.service.ts';
export { dismissDuplicate, getGuestIdentity, listDuplicates } from './duplicates.service.ts';
export { registerDuplicateRoutes } from './duplicates.routes.ts';
export { moveIdentityRecords, restoreIdentityRecords, type IdentityMoves } from './identity-merge.ts';
