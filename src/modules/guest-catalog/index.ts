export {
  ensureCatalogDefaults,
  ensureCatalogDefaultsForAll,
  PREDEFINED_TAGS,
  SYSTEM_GROUPS,
} from './catalog-defaults.ts';
export { findExistingGroupIds, findTagNames, findTagsByNames, hasTitle } from './catalog-lookups.ts';
export { registerGuestCatalogRoutes } from './catalog.routes.ts';
export * from './catalog.schemas.ts';
export {
  groupNamesOf,
  tagNamesOf,
  PREDEFINED_TAG_NAMES,
  SYSTEM_GROUP_NAMES,
  type CatalogNames,
} from './catalog-names.ts';
export { ensureCatalogNames, titleIdOf, type CatalogByName } from './catalog-ensure.ts';
