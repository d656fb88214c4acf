import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { ErasurePreviewSchema, previewGuestErasure } from './guest-erasure-preview.service.ts';
import { GuestIdParams } from './guest.schemas.ts';

/** The read-only preview the "Delete guest" confirmation shows (issue 12, P-1). */
export function registerGuestErasurePreviewRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/guests/:id/erasure-preview', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'previewGuestErasure',
      tags: ['guests'],
      summary: 'What deleting this guest would erase and keep, and the upcoming bookings that refuse it',
      description:
        'Counts only (no personal data): e-mails, phones, addresses, documents, notes, history entries, past bookings kept anonymised (`*****`), e-mails in the mail log, whether a customer account is closed with it, merges; and `upcomingBookings`, which make `DELETE /guests/{id}` answer 409 `guest_has_upcoming_bookings` until the guest is replaced on them (`POST /bookings/{id}/replace-guest`) or they are cancelled.',
      params: GuestIdParams,
      response: withErrors({ 200: ErasurePreviewSchema }),
    },
    handler: async (req) => previewGuestErasure(ctxOf(req, database), req.params.id),
  });
}
