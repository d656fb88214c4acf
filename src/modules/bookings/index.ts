export {
  createBooking,
  getBooking,
  listBookings,
  type PeopleResolver,
  type PersonResolver,
  type PersonToResolve,
  type ResolvedPerson,
} from './booking.service.ts';
export { registerBookingRoutes } from './booking.routes.ts';
export { registerReplaceGuestRoutes } from './booking-replace-guest.routes.ts';
export { presentBookings, presentBookingsWithPropertyName, presentStay } from './booking.presenter.ts';
export { guestIdsByBookingReference } from './booking-lookup.ts';
export { BookingSchema, PersonDetails } from './booking.schemas.ts';
export { moveGuestBookings, restoreGuestBookings, type BookingMoves } from './booking-merge.ts';
export { createBookingsInTransaction, type BatchOutcome, type ImportedBookingExtras } from './booking-batch.service.ts';
export type { CreateBookingInput } from './booking.schemas.ts';
