export {
  ensureCatalogDefaults,
  ensureCatalogDefaultsForAll,
  PREDEFINED_TAGS,
  SYSTEM_GROUPS,
} from './catalog-defaults.ts';
export { findExistingGroupIds, findTagNames, findTagsByNames, hasTitle } from './catalog-lookups.ts';
export { registerGuestCatalogRoutes } from './catalog.routes.ts';
export * from './catalog.schemas.ts';
