import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { GuestConsentListResponse, GuestConsentSchema, RecordConsentBody } from '../consent/index.ts';
import { listConsentsOfGuest, recordGuestConsent } from './guest-consent.service.ts';
import { GuestIdParams } from './guest.schemas.ts';

/** A guest's consent ledger (P-4): read the history, record a change. */
export function registerGuestConsentRoutes(app: ApiApp, { database }: AppDeps): void {
  const tags = ['guests', 'consent'];
  app.get('/api/v1/guests/:id/consents', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'listGuestConsents',
      tags,
      summary: "A guest's consent records, newest first, with the marketing consent they derive",
      params: GuestIdParams,
      response: withErrors({ 200: GuestConsentListResponse }),
    },
    handler: async (req) => listConsentsOfGuest(ctxOf(req, database), req.params.id),
  });
  app.post('/api/v1/guests/:id/consents', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'recordGuestConsent',
      tags,
      summary:
        'Record a consent change (channel, purpose, granted/withdrawn, the wording shown). The source is the caller: `staff` for staff, `api` (or `import`) for API keys',
      params: GuestIdParams,
      body: RecordConsentBody,
      response: withErrors({ 201: GuestConsentSchema }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await recordGuestConsent(ctxOf(req, database), req.params.id, req.body)),
  });
}
