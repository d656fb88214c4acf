export { listGuests } from './guest-list.service.ts';
export { registerGuestListRoutes } from './guest-list.routes.ts';
export { registerSegmentRoutes } from './segment.routes.ts';
export { createGuest, getGuest, insertGuest } from './guest-profile.service.ts';
export { presentGuest, presentGuests } from './guest.presenter.ts';
export { CountryCode, DateOnly, GuestEmail, LanguageCode } from './guest.schemas.ts';
export { refreshGuestBookingStats } from './guest-booking-stats.ts';
