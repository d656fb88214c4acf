export { createBooking, getBooking, listBookings, type PersonResolver } from './booking.service.ts';
export { registerBookingRoutes } from './booking.routes.ts';
export { presentBookings } from './booking.presenter.ts';
export { BookingSchema, PersonDetails } from './booking.schemas.ts';
