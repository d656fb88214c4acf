import { ctxOf } from '../../http/auth.hook.ts';
import { IdParams, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { ReplaceGuestBody } from './booking-replace-guest.schemas.ts';
import { replaceBookingGuest } from './booking-replace-guest.service.ts';
import { presentBookings } from './booking.presenter.ts';
import { BookingSchema } from './booking.schemas.ts';
import type { PersonResolver } from './booking.service.ts';

/** Replace guest (issue 12, P-1): moves a booking from one profile to another so the first can be erased. */
export function registerReplaceGuestRoutes(app: ApiApp, { database }: AppDeps, resolvePerson: PersonResolver): void {
  app.post('/api/v1/bookings/:id/replace-guest', {
    config: { auth: 'bookings:write' },
    schema: {
      operationId: 'replaceBookingGuest',
      tags: ['bookings'],
      summary: 'Replace a guest on a booking (the customer and/or their place in the party)',
      description:
        '`from` is the guest leaving the booking (its customer or a stay guest); `to` is an existing profile (`{guestId}`; a merged-away id means its survivor) or a person’s details, found or created through the identity resolver. Dates, room, amounts and channel are kept; when the customer is replaced the booking’s contact e-mail becomes the new customer’s. Errors: 404 booking or `to.guestId` unknown; 400 `guest_not_on_booking`, `same_guest`; 409 `booking_cancelled`.',
      params: IdParams,
      body: ReplaceGuestBody,
      response: withErrors({ 200: BookingSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      const { booking } = await replaceBookingGuest(ctx, req.params.id, req.body, resolvePerson);
      const [presented] = await presentBookings(ctx, [booking]);
      if (!presented) throw new Error('presenter returned nothing');
      return presented;
    },
  });
}
