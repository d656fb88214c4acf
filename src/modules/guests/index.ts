export { listGuests } from './guest-list.service.ts';
export { registerGuestListRoutes } from './guest-list.routes.ts';
export { registerSegmentRoutes } from './segment.routes.ts';
export { registerGuestErasurePreviewRoutes } from './guest-erasure-preview.routes.ts';
export { deleteGuest } from './guest-profile.service.ts';
export { STAY_STILL_OWED } from './guest-delete.ts';
export { createGuest, getGuest, insertGuest, insertGuests, updateGuest } from './guest-profile.service.ts';
export { linkGuestAccount } from './guest-account-link.ts';
export { presentGuest, presentGuests } from './guest.presenter.ts';
export { CountryCode, DateOnly, GuestEmail, LanguageCode } from './guest.schemas.ts';
export { refreshGuestSystemGroups } from './guest-system-groups.ts';
export { guestBookingStatsSet, lockGuestsForBooking, refreshGuestBookingStats } from './guest-booking-stats.ts';
export {
  addGuestAliases,
  deleteMergedGuests,
  findMergedGuestId,
  getGuestOrMerged,
  loadGuestSnapshots,
  lockGuests,
  moveGuestNotesAndHistory,
  removeGuestAliases,
  restoreGuestNotesAndHistory,
  restoreGuestSnapshot,
  type GuestSnapshot,
} from './guest-merge.store.ts';
export { applyMergeToSurvivor, undoMergeOnSurvivor, type SurvivorAdditions } from './guest-merge.survivor.ts';
export { GuestSchema, type NewProfileDetails } from './guest.schemas.ts';
export {
  assertMaySearchContact,
  canReadPersonalData,
  contactFor,
  fieldValueFor,
  guestsFor,
  maskEmail,
  maskFreeText,
  messageFor,
} from './personal-data.ts';
export { recordGuestChanges, findActorName, type FieldChange } from './guest-history.service.ts';
export { enrichGuest, wouldEnrich, type EnrichmentBasis, type GuestEnrichment } from './guest-enrich.service.ts';
export { DEFAULT_PHONE_COUNTRY, normalisePhone } from './phone.ts';
export {
  isInternational,
  loadPhoneCountries,
  phoneAsE164,
  phoneCountryOrder,
  type PhoneCountries,
} from './phone-countries.ts';
export {
  documentNumberIndexOf,
  documentNumberIndexes,
  maskDocumentNumber,
  maskedDocumentNumber,
  sealDocumentNumber,
  normaliseDocumentNumber,
  openDocumentNumber,
} from './guest-document.ts';
export { findUnknownDocumentKeys, resealDocuments, type ResealProgress } from './guest-document-keys.service.ts';
export { GuestFilters, type GuestFilterInput } from './guest-list.schemas.ts';
export { filterConditions, resolveFilters, type ResolvedFilters } from './guest-list.filters.ts';
export { getSegmentFilters } from './segment.service.ts';
export { searchCondition } from './guest-search.service.ts';
export { guestListColumns, presentListedGuests, withGuestLists, type ListedGuestRow } from './guest.presenter.ts';
export type { Guest } from './guest.schemas.ts';
export { MAX_TAGS, type AddressEntry, type EmailEntry, type PhoneEntry } from './guest-profile-lists.ts';
