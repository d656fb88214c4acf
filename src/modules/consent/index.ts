export {
  appendConsents,
  consentSourceOf,
  findLatestMarketingConsentHolder,
  listGuestConsents,
  marketingChange,
  moveGuestConsents,
  refreshMarketingConsent,
  restoreGuestConsents,
  type ConsentChange,
} from './consent-ledger.ts';
export { findCurrentWording, findWordingVersion, hasPurpose } from './consent-settings.service.ts';
export { registerConsentSettingsRoutes } from './consent.routes.ts';
export {
  ConsentWordingRef,
  CurrentWordingQuery,
  CurrentWordingResponse,
  GuestConsentListResponse,
  GuestConsentSchema,
  RecordConsentBody,
  type GuestConsent,
  type RecordConsentInput,
} from './consent.schemas.ts';
