export {
  getAvailability,
  getProperty,
  listProperties,
  listRoomTypes,
  reserveNights,
  releaseNights,
} from './property.service.ts';
export { registerPropertyRoutes } from './property.routes.ts';
export { nightsBetween } from './nights.ts';
export {
  assertAmountFits,
  assertStayWithinLimits,
  configureStayLimits,
  refineStay,
  stayLimits,
  MAX_AMOUNT,
} from './stay-limits.ts';
export { CountryCode, CurrencyCode, IsoDate } from './property.schemas.ts';
