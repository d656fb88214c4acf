import { z } from 'zod';
import { PersonDetails } from './booking.schemas.ts';

/** `POST /bookings/{id}/replace-guest`: who leaves the booking and who takes their place. */
export const ReplaceGuestBody = z.strictObject({
  from: z.string().min(1).max(64),
  to: z.union([z.strictObject({ guestId: z.string().min(1).max(64) }), PersonDetails]),
});
export type ReplaceGuestInput = z.infer<typeof ReplaceGuestBody>;
