import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { viewerOf } from '../communication/index.ts';
import { GuestIdParams } from '../guests/guest.schemas.ts';
import { TimelineQuery, TimelineResponse } from './timeline.schemas.ts';
import { guestTimeline } from './timeline.service.ts';

/** The guest timeline (issue 16 point 5, SPEC M-1). */
export function registerTimelineRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/guests/:id/timeline', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'getGuestTimeline',
      tags: ['guests'],
      summary: 'Everything that happened with a guest, newest first',
      description:
        'Bookings (`made`, `changed`, `cancelled`), thread messages (`in`, `out`, `note`; only threads of the contacts the caller may see), contact-form submissions (`form`), e-mails from the outbox (`email`, event = status; `data.opened` is null: opens are not tracked), customer-account registrations, consent changes, merges into the profile and profile changes. Ordered by (at, kind, id) descending; `cursor` is opaque (a damaged one is 400 `invalid_cursor`); `kind` filters with a comma-separated list. Without personal-data:read, e-mail addresses and phone numbers in messages, subjects and recipients are masked.',
      params: GuestIdParams,
      querystring: TimelineQuery,
      response: withErrors({ 200: TimelineResponse }),
    },
    handler: async (req) => guestTimeline(ctxOf(req, database), viewerOf(req), req.params.id, req.query),
  });
}
